package com.fruitfulplanet.gateway.resilience;

import com.fruitfulplanet.platform.test.security.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.gateway.StubBackend;
import com.fruitfulplanet.gateway.StubBackend.Reply;
import com.fruitfulplanet.gateway.TestBackends;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What clients get when a service is down, slow or failing: a prompt 503 problem with {@code Retry-After}, retries
 * for reads only, and a circuit breaker that stops calling a failing service for a while.
 */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
class BackendResilienceIT {

    static final Duration NOTIFICATION_TIMEOUT = Duration.ofMillis(400);
    static final Duration OPEN_STATE = Duration.ofSeconds(30);
    static final Map<PlatformService, StubBackend> BACKENDS = TestBackends.start();
    static final TestTokens TOKENS = new TestTokens();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestBackends.register(registry, BACKENDS, TOKENS, Set.of(PlatformService.PAYMENT));
        String resilience = "fruitfulplanet.gateway.resilience.";
        registry.add(resilience + "defaults.response-timeout", () -> "3s");
        registry.add(resilience + "defaults.first-backoff", () -> "10ms");
        registry.add(resilience + "routes.notification-service.response-timeout", () -> NOTIFICATION_TIMEOUT);
        registry.add(resilience + "circuit-breaker.sliding-window-size", () -> 4);
        registry.add(resilience + "circuit-breaker.minimum-number-of-calls", () -> 4);
        registry.add(resilience + "circuit-breaker.wait-duration-in-open-state", () -> OPEN_STATE);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @LocalManagementPort
    int managementPort;

    @AfterEach
    void reset() {
        BACKENDS.values().forEach(StubBackend::reset);
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    @AfterAll
    static void stop() {
        BACKENDS.values().forEach(StubBackend::stop);
        TOKENS.stop();
    }

    WebTestClient.ResponseSpec call(HttpMethod method, String path) {
        return client.method(method).uri(path).headers(headers -> headers.setBearerAuth(TOKENS.valid())).exchange();
    }

    static StubBackend backend(PlatformService service) {
        return BACKENDS.get(service);
    }

    @Test
    void aServiceThatIsDownIsA503ProblemAtOnce() {
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
            long started = System.nanoTime();
            call(method, "/api/v1/payments")
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                    .expectHeader().exists("X-RateLimit-Remaining")
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(503)
                    .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:service-unavailable")
                    .jsonPath("$.traceId").isNotEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA503AfterTheRoutesTimeout() {
        backend(PlatformService.NOTIFICATION).replies.add(Reply.slow(Duration.ofSeconds(5)));
        long started = System.nanoTime();
        call(HttpMethod.GET, "/api/v1/notifications")
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(NOTIFICATION_TIMEOUT).isLessThan(Duration.ofSeconds(2));
        // A request that reached the service and timed out is not sent again.
        assertThat(backend(PlatformService.NOTIFICATION).received).hasSize(1);
    }

    @Test
    void otherRoutesKeepTheDefaultTimeout() {
        backend(PlatformService.ORDER).replies.add(Reply.slow(Duration.ofSeconds(1)));
        call(HttpMethod.GET, "/api/v1/orders").expectStatus().isOk();
    }

    @Test
    void aFailingServiceOpensItsBreakerAndIsLeftAloneForAWhile() {
        StubBackend order = backend(PlatformService.ORDER);
        for (int i = 0; i < 4; i++) {
            order.replies.add(Reply.status(503));
        }
        for (int i = 0; i < 4; i++) {
            // The service's own 503 is passed on; POSTs are not retried, so each is one call.
            call(HttpMethod.POST, "/api/v1/orders").expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.status").isEqualTo(503);
        }
        assertThat(circuitBreakers.circuitBreaker("order-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        long started = System.nanoTime();
        call(HttpMethod.GET, "/api/v1/orders")
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, Long.toString(OPEN_STATE.toSeconds()));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(order.received).hasSize(4);
        // The breaker is the route's (order-service serves the cart too); other services are not affected.
        call(HttpMethod.GET, "/api/v1/cart").expectStatus().isEqualTo(503);
        call(HttpMethod.GET, "/api/v1/products").expectStatus().isOk();

        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics).containsPattern(
                        "resilience4j_circuitbreaker_state\\{[^}]*name=\"order-service\"[^}]*state=\"open\"[^}]*} 1"));
    }

    @Test
    void aReadThatFailsOnceIsRetried() {
        StubBackend catalog = backend(PlatformService.CATALOG);
        catalog.replies.add(Reply.status(503));
        call(HttpMethod.GET, "/api/v1/products").expectStatus().isOk();
        assertThat(catalog.received).extracting(StubBackend.Received::method).containsExactly("GET", "GET");

        catalog.received.clear();
        catalog.replies.add(Reply.status(502));
        call(HttpMethod.HEAD, "/api/v1/products/42").expectStatus().isOk();
        assertThat(catalog.received).extracting(StubBackend.Received::method).containsExactly("HEAD", "HEAD");
    }

    @Test
    void aWriteIsNeverRetried() {
        StubBackend catalog = backend(PlatformService.CATALOG);
        catalog.replies.add(Reply.status(503));
        call(HttpMethod.POST, "/api/v1/products").expectStatus().isEqualTo(503);
        assertThat(catalog.received).singleElement().extracting(StubBackend.Received::method).isEqualTo("POST");
    }

    @Test
    void retriesAreFew() {
        StubBackend catalog = backend(PlatformService.CATALOG);
        for (int i = 0; i < 5; i++) {
            catalog.replies.add(Reply.status(504));
        }
        call(HttpMethod.GET, "/api/v1/products").expectStatus().isEqualTo(504);
        // The first attempt and two retries.
        assertThat(catalog.received).hasSize(3);
    }
}
