package com.fruitfulplanet.platform.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Protects every outgoing call: one circuit breaker per target host (so a dead dependency fails fast instead of
 * tying up requests; 5xx answers count as failures, see {@code PlatformHttpClientAutoConfiguration}) and, for
 * idempotent methods only, retries with exponential backoff on connection failures and 502/503/504, within a
 * {@link RetryBudget} per host. When the retries are spent on a 502/503/504, the caller gets that status (without
 * the body, which was released to free the connection).
 */
public class ResilienceFilter implements ExchangeFilterFunction {

    /**
     * Request attribute that sends a call past the breaker and the retries, for callers that must see every answer
     * as it is: health probes, whose whole point is to observe a failing dependency.
     */
    public static final String BYPASS = ResilienceFilter.class.getName() + ".bypass";

    private static final Set<HttpMethod> IDEMPOTENT =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE);
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(502, 503, 504);

    private final CircuitBreakerRegistry circuitBreakers;
    private final int maxRetries;
    private final Duration firstBackoff;
    private final Map<String, RetryBudget> budgets = new ConcurrentHashMap<>();

    public ResilienceFilter(CircuitBreakerRegistry circuitBreakers, int maxRetries, Duration firstBackoff) {
        this.circuitBreakers = circuitBreakers;
        this.maxRetries = maxRetries;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        if (Boolean.TRUE.equals(request.attribute(BYPASS).orElse(false))) {
            return next.exchange(request);
        }
        String target = request.url().getHost() + ":" + request.url().getPort();
        CircuitBreaker breaker = circuitBreakers.circuitBreaker("http-" + target);
        Mono<ClientResponse> call = next.exchange(request).transformDeferred(CircuitBreakerOperator.of(breaker));
        if (!IDEMPOTENT.contains(request.method()) || maxRetries == 0) {
            return call;
        }
        RetryBudget budget = budgets.computeIfAbsent(target, t -> new RetryBudget(0.2, 10));
        budget.recordCall();
        return call
                .flatMap(response -> RETRYABLE_STATUSES.contains(response.statusCode().value())
                        ? response.releaseBody().then(Mono.error(new RetryableStatus(response.statusCode())))
                        : Mono.just(response))
                .retryWhen(Retry.backoff(maxRetries, firstBackoff)
                        .filter(e -> isRetryable(e) && budget.tryRetry())
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorResume(RetryableStatus.class, e -> Mono.just(ClientResponse.create(e.status).build()));
    }

    private static boolean isRetryable(Throwable e) {
        return e instanceof RetryableStatus || e instanceof WebClientRequestException || e instanceof IOException;
    }

    /** A 502/503/504 carried through the retry operator. */
    private static final class RetryableStatus extends RuntimeException {
        private final transient HttpStatusCode status;

        RetryableStatus(HttpStatusCode status) {
            super("HTTP " + status.value(), null, false, false);
            this.status = status;
        }
    }
}
