package com.fruitfulplanet.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.platform.testapp.StarterTestApplication;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The document a service built on the starter serves, as the gateway and clients read it. */
@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "fruitfulplanet.security.public-paths="
                        + "/api/v1/public/**,/v3/api-docs/**,/swagger-ui.html,/swagger-ui/**",
                "fruitfulplanet.openapi.public-url=https://api.fruitfulplanet.test"})
@AutoConfigureWebTestClient
class OpenApiDocumentTest {

    private static final List<String> ALL_ERRORS = List.of("400", "401", "403", "404", "409", "429", "503");

    @Autowired
    WebTestClient client;

    OpenAPI document;

    @BeforeEach
    void fetchDocument() throws Exception {
        byte[] body = client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
        document = Json31.mapper().readValue(body, OpenAPI.class);
    }

    @Test
    void namesTheServiceItsVersionAndTheGatewayAsServer() {
        assertThat(document.getOpenapi()).startsWith("3.1");
        assertThat(document.getInfo().getTitle()).isEqualTo("FruitfulPlanet starter-test");
        assertThat(document.getInfo().getVersion()).isNotBlank().isNotEqualTo("v0");
        assertThat(document.getServers()).singleElement()
                .satisfies(server -> assertThat(server.getUrl()).isEqualTo("https://api.fruitfulplanet.test"));
    }

    @Test
    void bearerJwtIsRequiredEverywhereExceptOnPublicPaths() {
        SecurityScheme bearer = document.getComponents().getSecuritySchemes().get("bearerAuth");
        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        assertThat(bearer.getBearerFormat()).isEqualTo("JWT");
        assertThat(document.getSecurity()).containsExactly(new SecurityRequirement().addList("bearerAuth"));

        assertThat(get("/api/v1/private/whoami").getSecurity()).isNull();
        assertThat(get("/api/v1/public/price").getSecurity()).isEmpty();
    }

    @Test
    void everyOperationDocumentsTheProblemAnswers() {
        Map<String, ApiResponse> secured = get("/api/v1/private/whoami").getResponses();
        assertThat(secured).containsKeys("200").containsKeys(ALL_ERRORS.toArray(String[]::new));
        assertThat(secured.get("401").get$ref()).isEqualTo("#/components/responses/Unauthorized");

        // A public operation cannot answer 401 or 403.
        Map<String, ApiResponse> open = document.getPaths().get("/api/v1/public/items").getPost().getResponses();
        assertThat(open).containsKeys("200", "400", "404", "409", "429", "503").doesNotContainKeys("401", "403");

        ApiResponse tooMany = document.getComponents().getResponses().get("TooManyRequests");
        assertThat(tooMany.getHeaders()).containsKey("Retry-After");
        assertThat(document.getComponents().getResponses())
                .containsKeys("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "TooManyRequests",
                        "ServiceUnavailable")
                .allSatisfy((name, response) -> assertThat(response.getContent())
                        .containsOnlyKeys("application/problem+json")
                        .allSatisfy((type, media) -> assertThat(media.getSchema().get$ref())
                                .isEqualTo("#/components/schemas/Problem")));
    }

    @Test
    void problemSchemaIsTheShapeTheHandlerWrites() {
        Schema<?> problem = document.getComponents().getSchemas().get("Problem");
        assertThat(problem.getProperties())
                .containsOnlyKeys("type", "title", "status", "detail", "instance", "traceId", "errors");
        assertThat(problem.getProperties().get("errors").getItems().getProperties())
                .containsOnlyKeys("field", "message");
    }

    @Test
    void moneyIsDocumentedAsItTravels() {
        Schema<?> money = document.getComponents().getSchemas().get("Money");
        assertThat(type(money.getProperties().get("amount"))).isEqualTo("string");
        assertThat(type(money.getProperties().get("currency"))).isEqualTo("string");
    }

    @Test
    void leavesOutTheActuatorAndItself() {
        assertThat(document.getPaths().keySet())
                .contains("/api/v1/public/items", "/api/v1/public/price", "/api/v1/private/whoami")
                .noneMatch(path -> path.startsWith("/actuator") || path.startsWith("/v3/api-docs"));
    }

    @Test
    void servicesServeNoSwaggerUi() {
        // Open in this test's security chain, so that 404 means "not there" rather than "not allowed".
        client.get().uri("/swagger-ui.html").exchange().expectStatus().isNotFound();
        client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isNotFound();
    }

    private Operation get(String path) {
        return document.getPaths().get(path).getGet();
    }

    /** OpenAPI 3.1 schemas carry their type in {@code types}. */
    private static String type(Schema<?> schema) {
        return schema.getType() != null ? schema.getType() : schema.getTypes().iterator().next();
    }
}
