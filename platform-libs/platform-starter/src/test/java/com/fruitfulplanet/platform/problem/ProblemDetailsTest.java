package com.fruitfulplanet.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.platform.testapp.StarterTestApplication;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every kind of error a client can cause, or run into, comes back as problem+json with a trace id. */
@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ProblemDetailsTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient client;

    @Test
    void validationFailureListsEveryRejectedField() {
        Map<String, Object> problem = expectProblem(client.post().uri("/api/v1/public/items")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\" \",\"contact\":\"not-an-email\",\"quantity\":0}")
                .exchange(), 400);

        assertThat(problem).containsEntry("title", "Validation failed");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) problem.get("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactly("contact", "name", "quantity");
        assertThat(errors).allSatisfy(e -> assertThat(e.get("message")).isNotBlank());
    }

    @Test
    void malformedJsonIsABadRequest() {
        Map<String, Object> problem = expectProblem(client.post().uri("/api/v1/public/items")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": ").exchange(), 400);
        assertThat(problem.get("detail").toString()).contains("not valid JSON");
    }

    @Test
    void unknownRouteIsNotFound() {
        expectProblem(client.get().uri("/api/v1/public/nothing-here").exchange(), 404);
    }

    @Test
    void wrongMethodIsMethodNotAllowedAndSaysWhatIsAllowed() {
        WebTestClient.ResponseSpec response = client.delete().uri("/api/v1/public/items").exchange();
        response.expectHeader().valueEquals("Allow", "POST");
        expectProblem(response, 405);
    }

    @Test
    void headersOfADomainErrorAreSentWithTheProblem() {
        WebTestClient.ResponseSpec response = client.get().uri("/api/v1/public/busy").exchange();
        response.expectHeader().valueEquals("Retry-After", "7");
        expectProblem(response, 429);
    }

    @Test
    void unsupportedMediaType() {
        expectProblem(client.post().uri("/api/v1/public/items").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("name=x").exchange(), 415);
    }

    @Test
    void bodyOverTheLimitIsRefusedBeforeItIsRead() {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        Map<String, Object> problem = expectProblem(client.post().uri("/api/v1/public/items")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(twoMegabytes).exchange(), 413);
        assertThat(problem.get("detail").toString()).contains("at most 1048576");
    }

    @Test
    void unexpectedErrorRevealsNothingInternal() {
        Map<String, Object> problem = expectProblem(client.get().uri("/api/v1/public/boom").exchange(), 500);
        assertThat(problem.toString()).doesNotContain("SELECT", "password", "IllegalStateException", "at com.");
    }

    @Test
    void aClientThatWentAwayIsNotAnInternalError() {
        expectProblem(client.get().uri("/api/v1/public/client-gone").exchange(), 503);
    }

    @Test
    void protectedRouteWithoutTokenIsUnauthorized() {
        client.get().uri("/api/v1/private/whoami").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void everyResponseCarriesARequestIdEchoedWhenSane() {
        client.get().uri("/api/v1/public/price").header("X-Request-Id", "order-42.retry:1").exchange()
                .expectHeader().valueEquals("X-Request-Id", "order-42.retry:1");
        client.get().uri("/api/v1/public/nothing").header("X-Request-Id", "id with spaces; \"quoted\"" + "x".repeat(200)).exchange()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
        client.get().uri("/api/v1/public/nothing").exchange()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    private Map<String, Object> expectProblem(WebTestClient.ResponseSpec response, int status) {
        Map<String, Object> problem = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(problem).isNotNull()
                .containsEntry("status", status)
                .containsKeys("type", "title", "detail", "instance");
        assertThat(problem.get("traceId")).asString().matches("[0-9a-f]{32}");
        return problem;
    }
}
