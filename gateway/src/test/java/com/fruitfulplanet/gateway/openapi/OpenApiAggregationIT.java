package com.fruitfulplanet.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's API documentation against stand-in services: catalog and order serve documents (each with its own
 * {@code Product}), sync-1c accepts the connection and never answers, the others are down.
 */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
@TestPropertySource(properties = {
        "fruitfulplanet.openapi.public-url=https://api.fruitfulplanet.test",
        "fruitfulplanet.gateway.api-docs.fetch-timeout=1s"})
class OpenApiAggregationIT {

    static final ApiDocsStub CATALOG = ApiDocsStub.serving(document("catalog-service", """
            "tags": [{"name": "products"}],
            "paths": {
              "/api/v1/products": {"get": {"operationId": "list", "tags": ["products"], "security": [],
                "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
                  "type": "array", "items": {"$ref": "#/components/schemas/Product"}}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}}}},
              "/api/v1/products/{id}": {"get": {"operationId": "get", "security": [],
                "parameters": [{"name": "id", "in": "path", "required": true,
                                "schema": {"type": "string", "format": "uuid"}}],
                "responses": {"200": {"description": "OK", "content": {"application/json": {
                  "schema": {"$ref": "#/components/schemas/Product"}}}}}}},
              "/internal/reindex": {"post": {"operationId": "reindex", "responses": {"202": {
                "description": "Accepted", "content": {"application/json": {
                  "schema": {"$ref": "#/components/schemas/ReindexJob"}}}}}}}
            },
            "components": {"schemas": {
              "Product": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"},
                          "name": {"type": "string"}, "price": {"$ref": "#/components/schemas/Money"}}},
              "ReindexJob": {"type": "object", "properties": {"id": {"type": "string"}}}}}
            """));
    static final ApiDocsStub ORDER = ApiDocsStub.serving(document("order-service", """
            "tags": [{"name": "orders"}],
            "paths": {
              "/api/v1/orders": {"get": {"operationId": "list", "tags": ["orders"],
                "responses": {"200": {"description": "OK", "content": {"application/json": {
                  "schema": {"$ref": "#/components/schemas/Order"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}}}}
            },
            "components": {"schemas": {
              "Order": {"type": "object", "properties": {"total": {"$ref": "#/components/schemas/Money"},
                        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Product"}}}},
              "Product": {"type": "object", "properties": {"productId": {"type": "string"},
                          "quantity": {"type": "integer"}}}}}
            """));
    static final ApiDocsStub SYNC_1C = ApiDocsStub.silent();
    static final int CLOSED_PORT = closedPort();

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        for (PlatformService service : PlatformService.backends()) {
            String uri = switch (service) {
                case CATALOG -> CATALOG.uri();
                case ORDER -> ORDER.uri();
                case SYNC_1C -> SYNC_1C.uri();
                default -> "http://127.0.0.1:" + CLOSED_PORT;
            };
            registry.add("fruitfulplanet.gateway.backends." + service.applicationName() + ".uri", () -> uri);
        }
    }

    @Autowired
    WebTestClient client;

    @AfterAll
    static void stopStubs() {
        List.of(CATALOG, ORDER, SYNC_1C).forEach(ApiDocsStub::stop);
    }

    @Test
    void mergesThePublicPathsOfEveryServiceThatAnswers() throws Exception {
        OpenAPI merged = mergedDocument();

        assertThat(merged.getOpenapi()).startsWith("3.1");
        assertThat(merged.getInfo().getTitle()).isEqualTo("FruitfulPlanet API");
        assertThat(merged.getServers()).singleElement()
                .satisfies(server -> assertThat(server.getUrl()).isEqualTo("https://api.fruitfulplanet.test"));
        assertThat(merged.getPaths().keySet())
                .containsExactlyInAnyOrder("/api/v1/products", "/api/v1/products/{id}", "/api/v1/orders");
        assertThat(merged.getComponents().getSchemas()).doesNotContainKeys("ReindexJob", "Product");
        assertThat(merged.getComponents().getSecuritySchemes()).containsOnlyKeys("bearerAuth");
        assertThat(merged.getTags()).extracting("name").containsExactly("products", "orders");
        assertThat(merged.getExtensions().get("x-unavailable-services")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder(
                "auth-service", "payment-service", "notification-service", "sync-1c-service");
    }

    @Test
    void aSchemaNameTwoServicesDefineDifferentlyIsQualifiedAndItsReferencesFollow() throws Exception {
        OpenAPI merged = mergedDocument();
        Map<String, Schema> schemas = merged.getComponents().getSchemas();

        assertThat(schemas).containsKeys("catalog-service.Product", "order-service.Product", "Money", "Problem",
                "Order");
        assertThat(merged.getPaths().get("/api/v1/products").getGet().getResponses().get("200").getContent()
                .get("application/json").getSchema().getItems().get$ref())
                .isEqualTo("#/components/schemas/catalog-service.Product");
        Schema<?> order = schemas.get("Order");
        assertThat(order.getProperties().get("items").getItems().get$ref())
                .isEqualTo("#/components/schemas/order-service.Product");
        // The shared definitions are one, referred to by both services.
        assertThat(order.getProperties().get("total").get$ref()).isEqualTo("#/components/schemas/Money");
        assertThat(merged.getPaths().get("/api/v1/orders").getGet().getResponses().get("400").get$ref())
                .isEqualTo("#/components/responses/BadRequest");
        assertThat(merged.getPaths().get("/api/v1/orders").getGet().getOperationId()).isEqualTo("order-service.list");
    }

    @Test
    void theMergedDocumentIsReusedForAWhile() {
        mergedJson();
        int before = CATALOG.documentRequests.get();
        mergedJson();
        mergedJson();
        assertThat(CATALOG.documentRequests.get()).isEqualTo(before);
    }

    @Test
    void eachServicesDocumentIsServedAsClientsSeeIt() throws Exception {
        byte[] body = client.get().uri("/v3/api-docs/catalog-service").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
        OpenAPI catalog = Json31.mapper().readValue(body, OpenAPI.class);

        assertThat(catalog.getInfo().getTitle()).isEqualTo("FruitfulPlanet catalog-service");
        assertThat(catalog.getPaths().keySet()).containsExactlyInAnyOrder("/api/v1/products", "/api/v1/products/{id}");
        assertThat(catalog.getComponents().getSchemas()).containsKey("Product").doesNotContainKey("ReindexJob");
    }

    @Test
    void aServiceThatIsDownOrSilentIsAProblemNotAHang() {
        for (String service : List.of("payment-service", "sync-1c-service")) {
            client.get().uri("/v3/api-docs/" + service).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.traceId").isNotEmpty();
        }
        client.get().uri("/v3/api-docs/no-such-service").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void swaggerUiListsTheMergedDocumentFirstAndEveryService() {
        client.get().uri("/swagger-ui.html").exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().value("Location", location -> assertThat(location).endsWith("/swagger-ui/index.html"));
        client.get().uri("/swagger-ui/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("swagger-ui"));
        client.get().uri("/swagger-ui/swagger-initializer.js").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(js -> assertThat(js).contains("/v3/api-docs/gateway/swagger-config"));

        Map<String, Object> config = client.get().uri("/v3/api-docs/gateway/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, String>> urls = (List<Map<String, String>>) config.get("urls");
        assertThat(urls.getFirst()).containsEntry("url", "/v3/api-docs")
                .containsEntry("name", "FruitfulPlanet API (all services)");
        assertThat(urls).extracting(url -> url.get("url")).contains("/v3/api-docs/auth-service",
                "/v3/api-docs/catalog-service", "/v3/api-docs/order-service", "/v3/api-docs/payment-service",
                "/v3/api-docs/notification-service", "/v3/api-docs/sync-1c-service", "/v3/api-docs/gateway");
        assertThat(config).containsEntry("urls.primaryName", "FruitfulPlanet API (all services)");
    }

    @Test
    void theGatewaysOwnDocumentHasItsPublicHealthEndpointsOnly() throws Exception {
        byte[] body = client.get().uri("/v3/api-docs/gateway").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        OpenAPI gateway = Json31.mapper().readValue(body, OpenAPI.class);

        assertThat(gateway.getPaths().keySet())
                .containsExactlyInAnyOrder("/api/health/liveness", "/api/health/readiness");
        assertThat(gateway.getPaths().get("/api/health/liveness").getGet().getSecurity()).isEmpty();
        assertThat(gateway.getPaths().get("/api/health/liveness").getGet().getResponses())
                .doesNotContainKeys("401", "403");
    }

    private OpenAPI mergedDocument() throws Exception {
        return Json31.mapper().readValue(mergedJson(), OpenAPI.class);
    }

    private byte[] mergedJson() {
        return client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
    }

    /**
     * A document as a service built on the platform starter serves it: with the shared {@code Problem},
     * {@code Money}, error responses and bearer scheme, which the merge must keep as one.
     */
    private static String document(String service, String body) {
        return """
                {"openapi": "3.1.0", "info": {"title": "FruitfulPlanet %s", "version": "1"},
                 "security": [{"bearerAuth": []}], %s}
                """.formatted(service, body.replace("\"components\": {\"schemas\": {", """
                "components": {
                  "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
                  "responses": {"BadRequest": {"description": "Invalid", "content": {"application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem"}}}}},
                  "schemas": {
                    "Problem": {"type": "object", "properties": {"type": {"type": "string"},
                                "status": {"type": "integer"}}},
                    "Money": {"type": "object", "properties": {"amount": {"type": "string", "format": "decimal"},
                              "currency": {"type": "string"}}},"""));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
