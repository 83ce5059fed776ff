package com.fruitfulplanet.gateway.ratelimit;

import com.fruitfulplanet.platform.test.security.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.gateway.StubBackend;
import com.fruitfulplanet.gateway.TestBackends;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the edge does while Redis cannot answer, for every way Redis can fail to (see the subclasses): every request
 * is still answered, promptly, with the rate-limit headers, and clients are still limited, by this replica alone.
 */
abstract class RedisUnavailableContract {

    static final int LIMIT = 5;
    /** Far below a request that waited on Redis for the (default) 100 ms on each of several attempts. */
    static final Duration PROMPT = Duration.ofMillis(1500);

    /** Each subclass has a context of its own, and so stubs and keys of its own. */
    static void properties(DynamicPropertyRegistry registry, Map<PlatformService, StubBackend> backends,
            TestTokens tokens, int redisPort) {
        TestBackends.register(registry, backends, tokens, Set.of());
        // A URL wins over the host and port the test infrastructure sets.
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + redisPort);
        registry.add("fruitfulplanet.gateway.rate-limit.default-limit.requests", () -> LIMIT);
        registry.add("fruitfulplanet.gateway.rate-limit.trusted-proxy-hops", () -> 1);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @LocalManagementPort
    int managementPort;

    abstract TestTokens tokens();

    @Test
    void requestsAreAnsweredPromptlyAndStillLimited() {
        String address = RateLimitIT.newAddress();
        for (int remaining = LIMIT - 1; remaining >= 0; remaining--) {
            long started = System.nanoTime();
            client.get().uri("/api/v1/products").header("X-Forwarded-For", address).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Limit", Integer.toString(LIMIT))
                    .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(remaining));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
        }
        client.get().uri("/api/v1/products").header("X-Forwarded-For", address).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After");

        // Users keep budgets of their own.
        client.get().uri("/api/v1/orders").header("X-Forwarded-For", address)
                .headers(headers -> headers.setBearerAuth(tokens().valid())).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(LIMIT - 1));

        assertThat(meters.find("gateway.rate.limit.fallbacks").counters())
                .isNotEmpty()
                .allSatisfy(counter -> assertThat(counter.getId().getTag("reason"))
                        .isIn("not-connected", "timeout", "error", "circuit-open"));
        assertThat(meters.counter("gateway.rate.limit.requests", "rule", "default", "outcome", "rejected",
                "store", "local").count()).isPositive();
    }

    @Test
    void theGatewayStaysInRotationAndThePlatformReadinessNamesRedis() {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build()
                .get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk();
        client.get().uri("/api/health/readiness").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.checks.redis").isEqualTo("unhealthy");
    }
}
