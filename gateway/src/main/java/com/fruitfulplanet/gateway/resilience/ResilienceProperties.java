package com.fruitfulplanet.gateway.resilience;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway treats a slow or failing service ({@code fruitfulplanet.gateway.resilience.*}); see
 * docs/gateway.md. Every route gets {@code defaults}; {@code routes.<route id>} overrides single values for one route
 * (route ids are the service names, e.g. {@code sync-1c-service}).
 *
 * @param defaults       what every route gets
 * @param circuitBreaker the breaker every route has, one instance per route
 * @param routes         per-route overrides
 */
@Validated
@ConfigurationProperties("fruitfulplanet.gateway.resilience")
public record ResilienceProperties(
        @Valid @NotNull @DefaultValue RoutePolicy defaults,
        @Valid @NotNull @DefaultValue CircuitBreakerPolicy circuitBreaker,
        @NotNull @DefaultValue({}) Map<String, @Valid RouteOverride> routes) {

    /**
     * @param responseTimeout how long the gateway waits for a service's response to begin; then it answers 503
     * @param retries         extra attempts for GET and HEAD after a connection failure or a 502/503/504; never for
     *                        other methods, which may not be safe to repeat
     * @param firstBackoff    pause before the first retry, doubled for each further one
     * @param maxBackoff      the longest pause between retries
     */
    public record RoutePolicy(
            @NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration responseTimeout,
            @Min(0) @Max(5) @DefaultValue("2") int retries,
            @NotNull @DurationMin(millis = 1) @DefaultValue("50ms") Duration firstBackoff,
            @NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration maxBackoff) {
    }

    /** Values a route may set for itself; anything left out comes from {@code defaults}. */
    public record RouteOverride(@DurationMin(millis = 1) Duration responseTimeout, @Min(0) @Max(5) Integer retries) {
    }

    /**
     * @param failureRateThreshold    percentage of failed calls (connection failures, timeouts, 502/503/504) in the
     *                                window that opens the breaker
     * @param slidingWindowSize       how many recent calls the rate is computed over
     * @param minimumNumberOfCalls    calls needed in the window before the rate counts
     * @param waitDurationInOpenState how long an open breaker answers 503 at once before letting trial calls through
     *                                (also the {@code Retry-After} it sends)
     * @param callsInHalfOpenState    trial calls that decide whether the breaker closes again
     */
    public record CircuitBreakerPolicy(
            @Positive @DecimalMax("100") @DefaultValue("50") float failureRateThreshold,
            @Positive @DefaultValue("20") int slidingWindowSize,
            @Positive @DefaultValue("10") int minimumNumberOfCalls,
            @NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration waitDurationInOpenState,
            @Positive @DefaultValue("3") int callsInHalfOpenState) {
    }

    /** The policy of one route: its overrides over the defaults. */
    public RoutePolicy policyFor(String routeId) {
        RouteOverride override = routes.get(routeId);
        if (override == null) {
            return defaults;
        }
        return new RoutePolicy(
                override.responseTimeout() != null ? override.responseTimeout() : defaults.responseTimeout(),
                override.retries() != null ? override.retries() : defaults.retries(),
                defaults.firstBackoff(), defaults.maxBackoff());
    }
}
