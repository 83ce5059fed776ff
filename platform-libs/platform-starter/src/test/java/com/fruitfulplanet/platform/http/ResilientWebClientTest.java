package com.fruitfulplanet.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/** The retry and circuit-breaker filter against a real HTTP server on loopback that fails on purpose. */
class ResilientWebClientTest {

    private final AtomicInteger calls = new AtomicInteger();
    private DisposableServer server;

    @AfterEach
    void stopServer() {
        server.disposeNow();
    }

    private WebClient clientFailingFirst(int failures, int status, CircuitBreakerRegistry breakers) {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> calls.incrementAndGet() <= failures
                        ? response.status(status).send()
                        : response.status(200).sendString(Mono.just("ok")))
                .bindNow();
        return WebClient.builder().baseUrl("http://127.0.0.1:" + server.port())
                .filter(new ResilienceFilter(breakers, 2, Duration.ofMillis(10))).build();
    }

    @Test
    void idempotentCallsAreRetriedOnUnavailable() {
        WebClient client = clientFailingFirst(2, 503, CircuitBreakerRegistry.ofDefaults());
        StepVerifier.create(client.get().uri("/stock").retrieve().bodyToMono(String.class))
                .expectNext("ok").verifyComplete();
        assertThat(calls).hasValue(3);
    }

    @Test
    void postsAreNeverRetried() {
        WebClient client = clientFailingFirst(2, 503, CircuitBreakerRegistry.ofDefaults());
        StepVerifier.create(client.post().uri("/orders").exchangeToMono(r -> Mono.just(r.statusCode().value())))
                .expectNext(503).verifyComplete();
        assertThat(calls).hasValue(1);
    }

    @Test
    void whenRetriesAreSpentTheCallerSeesTheStatus() {
        WebClient client = clientFailingFirst(10, 502, CircuitBreakerRegistry.ofDefaults());
        StepVerifier.create(client.get().uri("/stock").exchangeToMono(r -> Mono.just(r.statusCode().value())))
                .expectNext(502).verifyComplete();
        assertThat(calls).hasValue(3);
    }

    @Test
    void anOpenBreakerFailsFastWithoutCallingTheServer() {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(1))
                .recordResult(r -> r instanceof ClientResponse response && response.statusCode().is5xxServerError())
                .build());
        WebClient client = clientFailingFirst(100, 500, breakers);
        for (int i = 0; i < 4; i++) {
            client.post().uri("/orders").exchangeToMono(r -> r.releaseBody()).block();
        }
        int before = calls.get();
        StepVerifier.create(client.post().uri("/orders").exchangeToMono(r -> r.releaseBody()))
                .expectError(CallNotPermittedException.class).verify();
        assertThat(calls).hasValue(before);
    }
}
