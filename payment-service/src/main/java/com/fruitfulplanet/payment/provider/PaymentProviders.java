package com.fruitfulplanet.payment.provider;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import com.fruitfulplanet.payment.config.PaymentProperties;
import com.fruitfulplanet.payment.ledger.TransactionType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The configured {@link PaymentProvider}s by name, and the one way they are called: bounded by
 * {@code provider-timeout} and a circuit breaker per provider, a late answer, a failure or an open circuit turned
 * into PENDING (the provider may have acted; only it knows; reconciliation asks later), and each answer counted in {@code fruitfulplanet.payments.operations{provider, operation, outcome}}.
 */
@Component
public class PaymentProviders {

    private static final Logger log = LoggerFactory.getLogger(PaymentProviders.class);

    private final Map<String, PaymentProvider> byName;
    private final String defaultName;
    private final Duration timeout;
    private final MeterRegistry meters;
    private final CircuitBreakerRegistry breakers;

    PaymentProviders(List<PaymentProvider> providers, PaymentProperties properties,
                     ObjectProvider<MeterRegistry> meters) {
        this.byName = providers.stream().collect(Collectors.toUnmodifiableMap(PaymentProvider::name,
                Function.identity()));
        this.defaultName = properties.defaultProvider();
        this.timeout = properties.providerTimeout();
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        PaymentProperties.CircuitBreaker breaker = properties.circuitBreaker();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(breaker.window())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRate())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(this.meters);
        byName.keySet().forEach(breakers::circuitBreaker);
        if (!byName.containsKey(defaultName)) {
            throw new IllegalStateException("fruitfulplanet.payment.default-provider is '" + defaultName
                    + "', which is not one of the providers " + byName.keySet());
        }
    }

    public Optional<PaymentProvider> find(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    /** The provider of an AuthorizePayment that names none. */
    public String defaultName() {
        return defaultName;
    }

    /**
     * Calls {@code provider} for one operation. Never fails: an unknown provider is a decline, a late answer or an
     * error is PENDING (logged).
     */
    public Mono<ProviderResult> call(String provider, TransactionType operation, String idempotencyKey,
                                     Function<PaymentProvider, Mono<ProviderResult>> call) {
        PaymentProvider target = byName.get(provider);
        if (target == null) {
            return Mono.just(ProviderResult.declined("Unknown payment provider " + provider));
        }
        return Mono.defer(() -> call.apply(target))
                .timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breakers.circuitBreaker(provider)))
                .defaultIfEmpty(ProviderResult.pending())
                .onErrorResume(failure -> {
                    log.warn("{} {} with key {}: {}; the transaction stays PENDING for reconciliation", provider,
                            operation.tag(), idempotencyKey, describe(failure));
                    return Mono.just(ProviderResult.pending());
                })
                .doOnNext(result -> Counter.builder("fruitfulplanet.payments.operations")
                        .description("Provider calls by provider, operation and answer")
                        .tag("provider", provider).tag("operation", operation.tag())
                        .tag("outcome", result.outcome().tag())
                        .register(meters).increment());
    }

    /**
     * Asks {@code provider} what it did under the key: empty when it has no record; PENDING when it does not
     * answer in time (ask again later).
     */
    public Mono<ProviderResult> lookup(String provider, String idempotencyKey) {
        PaymentProvider target = byName.get(provider);
        if (target == null) {
            return Mono.just(ProviderResult.declined("Unknown payment provider " + provider));
        }
        return Mono.defer(() -> target.lookup(idempotencyKey))
                .timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breakers.circuitBreaker(provider)))
                .onErrorResume(failure -> {
                    log.warn("Looking up {} at {} failed: {}", idempotencyKey, provider, describe(failure));
                    return Mono.just(ProviderResult.pending());
                });
    }

    private String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "no answer within " + timeout;
        }
        if (failure instanceof CallNotPermittedException) {
            return "not called: the provider's circuit breaker is open after repeated failures";
        }
        return failure.toString();
    }

    /** The state of a provider's circuit breaker (CLOSED, OPEN, HALF_OPEN, ...). */
    public String circuitState(String provider) {
        return breakers.circuitBreaker(provider).getState().name();
    }
}
