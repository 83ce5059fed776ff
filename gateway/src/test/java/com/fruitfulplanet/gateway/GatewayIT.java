package com.fruitfulplanet.gateway;

import com.fruitfulplanet.platform.test.security.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.platform.infra.ListeningSockets;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway against real Redis, with stand-in backends on loopback. */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
class GatewayIT {

    static final Map<PlatformService, StubBackend> BACKENDS = TestBackends.start();
    static final TestTokens TOKENS = new TestTokens();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        // Payment's API is "down" (nothing listens): the gateway must answer for it, not fail.
        TestBackends.register(registry, BACKENDS, TOKENS, Set.of(PlatformService.PAYMENT));
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @AfterEach
    void resetBackends() {
        BACKENDS.values().forEach(StubBackend::reset);
    }

    @AfterAll
    static void stopBackends() {
        BACKENDS.values().forEach(StubBackend::stop);
        TOKENS.stop();
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/auth/login, auth-service",
            "/api/v1/users/7d1c0b8e-0000-4000-8000-000000000001, auth-service",
            "/.well-known/jwks.json, auth-service",
            "/api/v1/sectors, catalog-service",
            "/api/v1/brands?sector=food, catalog-service",
            "'/api/v1/products?q=apple&sort=price,-createdAt', catalog-service",
            "/api/v1/admin/cache/evict, catalog-service",
            "/api/v1/admin/catalog/republish, catalog-service",
            "/api/v1/cart/items/42, order-service",
            "/api/v1/orders?limit=5, order-service",
            "/api/v1/notifications?unread=true, notification-service",
            "/1c/exchange?type=catalog&mode=checkauth, sync-1c-service",
            "/api/v1/partner/1c/products, sync-1c-service"})
    void routesEveryDocumentedPrefixToItsService(String pathAndQuery, String serviceName) {
        StubBackend backend = BACKENDS.get(PlatformService.byApplicationName(serviceName).orElseThrow());
        backend.received.clear();

        String requestId = client.get().uri(pathAndQuery).headers(h -> h.setBearerAuth(TOKENS.valid())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(serviceName)
                .returnResult().getResponseHeaders().getFirst("X-Request-Id");

        assertThat(backend.received).singleElement().satisfies(received -> {
            assertThat(received.pathAndQuery()).isEqualTo(pathAndQuery);
            assertThat(received.requestId()).isEqualTo(requestId).isNotBlank();
        });
    }

    @Test
    void aClientRequestIdTravelsToTheBackendAndBack() {
        StubBackend catalog = BACKENDS.get(PlatformService.CATALOG);
        catalog.received.clear();
        client.get().uri("/api/v1/products").header("X-Request-Id", "checkout-7f3a").exchange()
                .expectHeader().valueEquals("X-Request-Id", "checkout-7f3a");
        assertThat(catalog.received).singleElement()
                .extracting(StubBackend.Received::requestId).isEqualTo("checkout-7f3a");
    }

    @Test
    void servicesLearnTheClientAddressAndNothingAClientMadeUp() {
        StubBackend catalog = BACKENDS.get(PlatformService.CATALOG);
        catalog.received.clear();
        // No proxy is trusted by default: the connection's peer is the client.
        client.get().uri("/api/v1/products").header("X-Forwarded-For", "203.0.113.66").exchange()
                .expectStatus().isOk();
        assertThat(catalog.received).singleElement()
                .extracting(StubBackend.Received::forwardedFor).isEqualTo("127.0.0.1");
    }

    @Test
    void unknownPathsAndActuatorEndpointsAreNotExposed() {
        String token = TOKENS.valid();
        for (String path : new String[] {"/api/v2/products", "/actuator/health", "/actuator/prometheus",
                "/actuator/env", "/api/v1/productsX"}) {
            client.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            // Without a token the edge does not say which paths exist.
            client.get().uri(path).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(BACKENDS.values()).allSatisfy(b -> assertThat(b.managementCalls)
                .allMatch("/actuator/health/readiness"::equals));
    }

    @Test
    void aBackendThatIsDownIsAProblemNotACrash() {
        client.get().uri("/api/v1/payments?orderId=1").headers(h -> h.setBearerAuth(TOKENS.valid())).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.traceId").isNotEmpty();
    }

    @Test
    void livenessAnswersOk() {
        client.get().uri("/api/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("ok")
                .jsonPath("$.timestamp").value(t -> assertThat(t.toString()).endsWith("Z"));
    }

    @Test
    void readinessAggregatesEveryBackend() {
        client.get().uri("/api/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"status": "ready", "checks": {"database": "healthy", "redis": "healthy", "kafka": "healthy",
                         "auth-service": "healthy", "catalog-service": "healthy", "order-service": "healthy",
                         "payment-service": "healthy", "notification-service": "healthy",
                         "sync-1c-service": "healthy"}}
                        """, org.springframework.test.json.JsonCompareMode.STRICT);
    }

    @Test
    void readinessNamesTheFailingDependencyAndService() {
        BACKENDS.get(PlatformService.ORDER).kafkaDown();
        client.get().uri("/api/health/readiness").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("not ready")
                .jsonPath("$.checks.kafka").isEqualTo("unhealthy")
                .jsonPath("$.checks['order-service']").isEqualTo("unhealthy")
                .jsonPath("$.checks.database").isEqualTo("healthy")
                .jsonPath("$.checks['catalog-service']").isEqualTo("healthy");
    }

    @Test
    void aBackendThatDoesNotAnswerMakesThePlatformNotReady() {
        StubBackend notification = BACKENDS.get(PlatformService.NOTIFICATION);
        notification.readinessStatus = 200;
        notification.readinessBody = "not json at all";
        client.get().uri("/api/health/readiness").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.checks['notification-service']").isEqualTo("unhealthy")
                .jsonPath("$.checks.database").isEqualTo("unknown");
    }

    @Test
    void listensOnLoopbackOnly() {
        for (int listening : new int[] {port, managementPort}) {
            assertThat(ListeningSockets.on(listening)).isNotEmpty()
                    .allSatisfy(address -> assertThat(address.getHostAddress()).isEqualTo("127.0.0.1"));
        }
    }
}
