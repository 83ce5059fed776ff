package com.fruitfulplanet.gateway.ratelimit;

import com.fruitfulplanet.platform.test.security.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.gateway.StubBackend;
import com.fruitfulplanet.gateway.TestBackends;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rate limits against the real Redis, with small budgets: 5 requests a minute by default, 3 for the auth entry
 * points. The gateway trusts one proxy hop, so each test is a client of its own through {@code X-Forwarded-For}.
 */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
class RateLimitIT {

    static final int LIMIT = 5;
    static final int AUTH_LIMIT = 3;
    static final Map<PlatformService, StubBackend> BACKENDS = TestBackends.start();
    static final TestTokens TOKENS = new TestTokens();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestBackends.register(registry, BACKENDS, TOKENS, Set.of(PlatformService.PAYMENT));
        registry.add("fruitfulplanet.gateway.rate-limit.default-limit.requests", () -> LIMIT);
        TestBackends.authRule(registry, AUTH_LIMIT);
        registry.add("fruitfulplanet.gateway.rate-limit.trusted-proxy-hops", () -> 1);
        // Counting must not depend on this machine's load: the fallback has its own test.
        registry.add("fruitfulplanet.gateway.rate-limit.redis-timeout", () -> "2s");
        registry.add("fruitfulplanet.gateway.cors.allowed-origins", () -> ORIGIN);
    }

    static final String ORIGIN = "https://shop.example.test";

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void resetBackends() {
        BACKENDS.values().forEach(StubBackend::reset);
    }

    @AfterAll
    static void stop() {
        BACKENDS.values().forEach(StubBackend::stop);
        TOKENS.stop();
    }

    /** A client address no other test (or earlier run within the minute) has used. */
    static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    WebTestClient.ResponseSpec get(String path, String address, String token) {
        return client.get().uri(path).headers(headers -> {
            headers.set("X-Forwarded-For", address);
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).exchange();
    }

    @Test
    void theBudgetShrinksWithEveryRequestAndThenTheAnswerIs429() {
        String address = newAddress();
        for (int remaining = LIMIT - 1; remaining >= 0; remaining--) {
            get("/api/v1/products", address, null)
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Limit", Integer.toString(LIMIT))
                    .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(remaining));
        }
        client.get().uri("/api/v1/products").header("X-Forwarded-For", address).header(HttpHeaders.ORIGIN, ORIGIN)
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                // A page in the shop may read the answer, Retry-After included.
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposed -> assertThat(exposed)
                        .contains("Retry-After", "X-RateLimit-Remaining"))
                .expectHeader().valueEquals("X-RateLimit-Limit", Integer.toString(LIMIT))
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0")
                // One request comes back every 60 s / 5 = 12 s.
                .expectHeader().value(HttpHeaders.RETRY_AFTER, retryAfter -> assertThat(Integer.parseInt(retryAfter))
                        .isBetween(1, 12))
                .expectHeader().exists("X-Request-Id")
                .expectHeader().exists("Strict-Transport-Security")
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:too-many-requests")
                .jsonPath("$.traceId").isNotEmpty();
        assertThat(BACKENDS.get(PlatformService.CATALOG).received).hasSize(LIMIT);
    }

    @Test
    void usersAndAddressesHaveBudgetsOfTheirOwn() {
        String address = newAddress();
        String spender = TOKENS.valid();
        for (int i = 0; i < LIMIT; i++) {
            get("/api/v1/orders", address, spender).expectStatus().isOk();
        }
        get("/api/v1/orders", address, spender).expectStatus().isEqualTo(429);

        // Someone else behind the same address, and the address itself, are untouched.
        get("/api/v1/orders", address, TOKENS.valid())
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(LIMIT - 1));
        get("/api/v1/products", address, null)
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(LIMIT - 1));
    }

    @Test
    void aUserTakesTheirBudgetAlongToAnotherAddress() {
        String user = TOKENS.valid();
        get("/api/v1/orders", newAddress(), user).expectHeader().valueEquals("X-RateLimit-Remaining", "4");
        get("/api/v1/orders", newAddress(), user).expectHeader().valueEquals("X-RateLimit-Remaining", "3");
    }

    @Test
    void requestsWithABadTokenSpendTheAddressesBudget() {
        String address = newAddress();
        String expired = TOKENS.sign(TestTokens.claims("7d1c0b8e-0000-4000-8000-00000000dead")
                .issueTime(Date.from(Instant.now().minusSeconds(900)))
                .notBeforeTime(Date.from(Instant.now().minusSeconds(900)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600))).build());
        for (int remaining = LIMIT - 1; remaining >= 0; remaining--) {
            get("/api/v1/orders", address, expired)
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(remaining));
        }
        get("/api/v1/orders", address, expired).expectStatus().isEqualTo(429);
        get("/api/v1/products", address, null).expectStatus().isEqualTo(429);
        // The user the made-up token names has not lost anything.
        get("/api/v1/orders", address, TOKENS.valid("7d1c0b8e-0000-4000-8000-00000000dead"))
                .expectStatus().isOk();
    }

    @Test
    void theAuthEntryPointsHaveASmallerBudgetPerAddress() {
        String address = newAddress();
        for (int remaining = AUTH_LIMIT - 1; remaining >= 0; remaining--) {
            client.post().uri("/api/v1/auth/login").header("X-Forwarded-For", address).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Limit", Integer.toString(AUTH_LIMIT))
                    .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(remaining));
        }
        // Per address: a token does not buy more attempts, and neither does another of the entry points.
        client.post().uri("/api/v1/auth/login").header("X-Forwarded-For", address)
                .headers(headers -> headers.setBearerAuth(TOKENS.valid())).exchange()
                .expectStatus().isEqualTo(429);
        client.post().uri("/api/v1/auth/register").header("X-Forwarded-For", address).exchange()
                .expectStatus().isEqualTo(429);
        assertThat(BACKENDS.get(PlatformService.AUTH).received).hasSize(AUTH_LIMIT);
        // The rest of the API is another budget.
        get("/api/v1/products", address, null)
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Limit", Integer.toString(LIMIT));
    }

    @Test
    void errorsCarryTheHeadersAndCountToo() {
        String address = newAddress();
        String token = TOKENS.valid();
        get("/api/v2/nothing", address, token).expectStatus().isNotFound()
                .expectHeader().valueEquals("X-RateLimit-Remaining", "4");
        get("/api/v1/payments", address, token).expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("X-RateLimit-Remaining", "3");
        get("/api/v1/orders", address, null).expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-RateLimit-Remaining", "4")
                .expectHeader().valueEquals("X-RateLimit-Limit", Integer.toString(LIMIT));
    }

    @Test
    void onlyTheAddressesWrittenByTrustedProxiesCount() {
        String address = newAddress();
        get("/api/v1/products", "203.0.113.66, " + address, null)
                .expectHeader().valueEquals("X-RateLimit-Remaining", "4");
        get("/api/v1/products", "198.51.100.77, " + address, null)
                .expectHeader().valueEquals("X-RateLimit-Remaining", "3");
        get("/api/v1/products", address, null)
                .expectHeader().valueEquals("X-RateLimit-Remaining", "2");
    }

    @Test
    void theServicesAreToldTheClientAddressTheLimitsUse() {
        get("/api/v1/products", "6.6.6.6, 203.0.113.9", null).expectStatus().isOk();
        assertThat(BACKENDS.get(PlatformService.CATALOG).received).singleElement()
                .extracting(StubBackend.Received::forwardedFor).isEqualTo("203.0.113.9");
    }

    @Test
    void theBudgetsLiveInRedis() {
        String address = newAddress();
        double before = meters.counter("gateway.rate.limit.requests", "rule", "default", "outcome", "allowed",
                "store", "redis").count();
        get("/api/v1/products", address, null).expectStatus().isOk();

        Duration ttl = redis.getExpire("fp:gateway:rate-limit:default:ip:" + address).block(Duration.ofSeconds(2));
        assertThat(ttl).isNotNull().isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(meters.counter("gateway.rate.limit.requests", "rule", "default", "outcome", "allowed",
                "store", "redis").count()).isEqualTo(before + 1);
    }
}
