package com.fruitfulplanet.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonConventionsTest {

    record Priced(Money price, Instant at) {
    }

    final JsonMapper mapper = JsonConventions.apply(JsonMapper.builder()).build();

    @Test
    void writesMoneyAsAPlainDecimalStringAndInstantsAsRfc3339() {
        Priced priced = new Priced(Money.of("1E+3", "RUB"), Instant.parse("2026-11-21T10:15:30Z"));

        assertThat(mapper.writeValueAsString(priced))
                .isEqualTo("{\"price\":{\"amount\":\"1000\",\"currency\":\"RUB\"},\"at\":\"2026-11-21T10:15:30Z\"}");
    }

    @Test
    void readsDecimalsWithoutLosingDigitsAndIgnoresUnknownFields() {
        Priced priced = mapper.readValue("""
                {"price": {"amount": 0.10, "currency": "EUR"}, "at": "2026-01-02T06:04:05+03:00", "roles": ["ADMIN"]}
                """, Priced.class);

        assertThat(priced.price().amount().toPlainString()).isEqualTo("0.10");
        assertThat(priced.at()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }
}
