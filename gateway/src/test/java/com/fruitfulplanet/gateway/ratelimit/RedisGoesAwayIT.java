package com.fruitfulplanet.gateway.ratelimit;

import com.fruitfulplanet.platform.test.security.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.gateway.StubBackend;
import com.fruitfulplanet.gateway.TestBackends;
import com.fruitfulplanet.platform.infra.EmbeddedRedisServer;
import com.fruitfulplanet.platform.infra.FreePorts;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Redis goes away while the gateway is using it, and comes back: decisions move to the local limiter without a
 * request waiting on the dead connection, and back to Redis once it answers again. The gateway gets a Redis of its
 * own here, since the shared one must stay up for the other tests.
 */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
class RedisGoesAwayIT {

    static final int LIMIT = 5;
    static final int REDIS_PORT = FreePorts.pick();
    static final Map<PlatformService, StubBackend> BACKENDS = TestBackends.start();
    static final TestTokens TOKENS = new TestTokens();
    static EmbeddedRedisServer redis = EmbeddedRedisServer.start(null, REDIS_PORT);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestBackends.register(registry, BACKENDS, TOKENS, Set.of());
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + REDIS_PORT);
        registry.add("fruitfulplanet.gateway.rate-limit.default-limit.requests", () -> LIMIT);
        registry.add("fruitfulplanet.gateway.rate-limit.trusted-proxy-hops", () -> 1);
        registry.add("fruitfulplanet.gateway.rate-limit.redis-timeout", () -> "1s");
        registry.add("fruitfulplanet.gateway.rate-limit.fallback.redis-retry-interval", () -> "500ms");
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void stop() {
        BACKENDS.values().forEach(StubBackend::stop);
        TOKENS.stop();
        redis.close();
    }

    double decisions(String store) {
        return meters.find("gateway.rate.limit.requests").tag("store", store).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    double fallbacks(String reason) {
        return meters.find("gateway.rate.limit.fallbacks").tag("reason", reason).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    WebTestClient.ResponseSpec request(String address) {
        return client.get().uri("/api/v1/products").header("X-Forwarded-For", address).exchange();
    }

    @Test
    void decisionsMoveToTheReplicaWhileRedisIsAwayAndBackWhenItReturns() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            request(RateLimitIT.newAddress()).expectStatus().isOk();
            assertThat(decisions("redis")).isPositive();
        });

        redis.close();
        String address = RateLimitIT.newAddress();
        for (int remaining = LIMIT - 1; remaining >= 0; remaining--) {
            long started = System.nanoTime();
            request(address).expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(remaining));
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(RedisUnavailableContract.PROMPT);
        }
        request(address).expectStatus().isEqualTo(429);
        assertThat(decisions("local")).isGreaterThanOrEqualTo(LIMIT + 1);
        // The connection broke under the gateway: failed calls and the open breaker, not a missing connection.
        assertThat(fallbacks("timeout") + fallbacks("error") + fallbacks("circuit-open"))
                .isGreaterThanOrEqualTo(LIMIT + 1);

        redis = EmbeddedRedisServer.start(null, REDIS_PORT);
        double beforeReturn = decisions("redis");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            request(RateLimitIT.newAddress()).expectStatus().isOk();
            assertThat(decisions("redis")).isGreaterThan(beforeReturn);
        });
    }
}
