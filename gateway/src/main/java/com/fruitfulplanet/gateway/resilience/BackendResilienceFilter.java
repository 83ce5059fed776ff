package com.fruitfulplanet.gateway.resilience;

import com.fruitfulplanet.platform.problem.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One route's circuit breaker, and the gateway's answer when the service behind it cannot give one: a 503 problem
 * with {@code Retry-After}, whatever went wrong (connection refused or timed out, no response within the route's
 * timeout, connection dropped, breaker open), never a 500, a 504 or an HTML page.
 *
 * <p>The breaker counts connection failures, timeouts and the service's own 502/503/504 answers as failures (those
 * answers are passed on as they are). One client request is one call, however many retries it took inside. While
 * the breaker is open, requests are answered at once, without touching the service, so a service in trouble is not
 * buried under traffic while it recovers.
 */
final class BackendResilienceFilter implements GatewayFilter {

    private static final Logger log = LoggerFactory.getLogger(BackendResilienceFilter.class);
    private static final Set<Integer> FAILURE_STATUSES = Set.of(502, 503, 504);
    /** After a single failed call the next one may well succeed (another replica, a retried connection). */
    private static final Duration RETRY_AFTER_FAILED_CALL = Duration.ofSeconds(1);

    private final String routeId;
    private final CircuitBreaker breaker;
    private final Duration retryAfterOpen;
    private final ProblemResponses problems;

    BackendResilienceFilter(String routeId, CircuitBreaker breaker, Duration retryAfterOpen,
            ProblemResponses problems) {
        this.routeId = routeId;
        this.breaker = breaker;
        this.retryAfterOpen = retryAfterOpen;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!breaker.tryAcquirePermission()) {
            return unavailable(exchange, retryAfterOpen);
        }
        long started = System.nanoTime();
        return chain.filter(exchange)
                .doOnSuccess(done -> recordAnswer(exchange, System.nanoTime() - started))
                .onErrorResume(failure -> {
                    if (isClientsFault(failure)) {
                        breaker.releasePermission();
                        return Mono.error(failure);
                    }
                    breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
                    if (exchange.getResponse().isCommitted()) {
                        return Mono.error(failure);
                    }
                    log.warn("{} did not answer {} {}: {}", routeId, exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath(), failure.toString());
                    return unavailable(exchange, RETRY_AFTER_FAILED_CALL);
                })
                .doOnCancel(breaker::releasePermission);
    }

    private void recordAnswer(ServerWebExchange exchange, long nanos) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (status != null && FAILURE_STATUSES.contains(status.value())) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new ResponseStatusException(status));
        } else {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private Mono<Void> unavailable(ServerWebExchange exchange, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problems.write(exchange, ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE,
                "A service this request needs is unavailable. Try again later."));
    }

    /** A body over the size limit, or another 4xx raised on the way: the request's problem, not the service's. */
    private static boolean isClientsFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataBufferLimitException
                    || t instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
                return true;
            }
        }
        return false;
    }
}
