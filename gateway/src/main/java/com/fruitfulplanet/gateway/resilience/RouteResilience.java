package com.fruitfulplanet.gateway.resilience;

import com.fruitfulplanet.gateway.resilience.ResilienceProperties.CircuitBreakerPolicy;
import com.fruitfulplanet.gateway.resilience.ResilienceProperties.RoutePolicy;
import com.fruitfulplanet.platform.problem.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.ConnectException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.UriSpec;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Gives an HTTP route its timeout, circuit breaker and retries from {@link ResilienceProperties}. The filters nest
 * as breaker (outside) → retry → proxy: the breaker sees one outcome per client request, after the retries.
 */
public final class RouteResilience {

    /** Inside Spring Cloud Gateway's response writer (-1), outside its routing filters (10000 and up). */
    private static final int BREAKER_ORDER = 100;
    private static final int RETRY_ORDER = 200;

    private final ResilienceProperties properties;
    private final CircuitBreakerRegistry circuitBreakers;
    private final RetryGatewayFilterFactory retries;
    private final ProblemResponses problems;

    RouteResilience(ResilienceProperties properties, CircuitBreakerRegistry circuitBreakers,
            RetryGatewayFilterFactory retries, ProblemResponses problems) {
        this.properties = properties;
        this.circuitBreakers = circuitBreakers;
        this.retries = retries;
        this.problems = problems;
    }

    /** Fails at start-up on an override for a route that does not exist: a typo must not silently do nothing. */
    public void checkOverrides(Collection<String> routeIds) {
        Set<String> unknown = new TreeSet<>(properties.routes().keySet());
        unknown.removeAll(routeIds);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("fruitfulplanet.gateway.resilience.routes names unknown routes " + unknown
                    + "; the routes are " + new TreeSet<>(routeIds));
        }
    }

    /** The route's filters. */
    public UriSpec filters(String routeId, GatewayFilterSpec filters) {
        RoutePolicy policy = properties.policyFor(routeId);
        CircuitBreakerPolicy breaker = properties.circuitBreaker();
        filters.filter(new BackendResilienceFilter(routeId, circuitBreakers.circuitBreaker(routeId,
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(breaker.failureRateThreshold())
                        .slidingWindowSize(breaker.slidingWindowSize())
                        .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
                        .waitDurationInOpenState(breaker.waitDurationInOpenState())
                        .permittedNumberOfCallsInHalfOpenState(breaker.callsInHalfOpenState())
                        .build()), breaker.waitDurationInOpenState(), problems), BREAKER_ORDER);
        if (policy.retries() > 0) {
            RetryConfig retry = new RetryConfig()
                    .setRetries(policy.retries())
                    .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                    .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT)
                    .setSeries()
                    // Connection failures only: a request that reached the service and timed out is not retried,
                    // or a slow service would cost the client several timeouts.
                    .setExceptions(ConnectException.class)
                    .setBackoff(policy.firstBackoff(), policy.maxBackoff(), 2, true);
            // No route id on purpose: with one, Spring Cloud Gateway buffers every request body of the route in
            // memory so that it could be sent again, but only GET and HEAD, which have no body, are ever retried.
            filters.filter(retries.apply(retry), RETRY_ORDER);
        }
        return filters;
    }

    /** The route's response timeout, read by Spring Cloud Gateway's routing filter. */
    public UriSpec timeout(String routeId, UriSpec route) {
        return route.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR,
                properties.policyFor(routeId).responseTimeout().toMillis());
    }
}
