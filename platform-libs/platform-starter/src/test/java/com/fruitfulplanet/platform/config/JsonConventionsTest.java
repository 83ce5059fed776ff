package com.fruitfulplanet.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.platform.testapp.StarterTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class JsonConventionsTest {

    @Autowired
    WebTestClient client;

    @Test
    void moneyIsADecimalStringAndInstantsAreRfc3339() {
        client.get().uri("/api/v1/public/price").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"price": {"amount": "1234.50", "currency": "RUB"}, "at": "2026-11-21T10:15:30Z"}
                        """, org.springframework.test.json.JsonCompareMode.STRICT);
    }

    @Test
    void moneyIsReadFromADecimalStringWithoutLosingDigits() {
        client.post().uri("/api/v1/public/price").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"price\":{\"amount\":\"0.10\",\"currency\":\"EUR\"},\"at\":\"2026-01-02T03:04:05Z\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.price.amount").isEqualTo("0.10");
    }
}
