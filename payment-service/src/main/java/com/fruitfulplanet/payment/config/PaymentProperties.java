package com.fruitfulplanet.payment.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * payment-service's settings, under {@code fruitfulplanet.payment} (docs/payments.md "Configuration").
 *
 * @param defaultProvider the provider of an AuthorizePayment that names none
 * @param providerTimeout how long one provider call may take; a call without an answer by then leaves its
 *                        transaction PENDING for reconciliation (the provider may still have done it)
 * @param reconciliation  the job that settles PENDING transactions
 * @param webhooks        provider webhooks
 * @param circuitBreaker  when to stop calling a provider that keeps failing or timing out
 * @param providers       per provider, by name: its webhook secret
 */
@ConfigurationProperties("fruitfulplanet.payment")
public record PaymentProperties(@DefaultValue("sandbox") String defaultProvider,
                                @DefaultValue("2s") Duration providerTimeout,
                                @DefaultValue Reconciliation reconciliation,
                                @DefaultValue Webhooks webhooks,
                                @DefaultValue CircuitBreaker circuitBreaker,
                                Map<String, Provider> providers) {

    public PaymentProperties {
        requirePositive("provider-timeout", providerTimeout);
        if (reconciliation.grace().compareTo(providerTimeout) <= 0) {
            // A shorter grace would look up calls that are still waiting for their answer.
            throw new IllegalArgumentException("fruitfulplanet.payment.reconciliation.grace (" + reconciliation.grace()
                    + ") must be longer than fruitfulplanet.payment.provider-timeout (" + providerTimeout + ")");
        }
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    /** The webhook secret of a provider, if one is configured (there is no default: it comes from the environment). */
    public Optional<String> webhookSecret(String provider) {
        return Optional.ofNullable(providers.get(provider)).map(Provider::webhookSecret)
                .filter(secret -> !secret.isBlank());
    }

    /**
     * @param interval      how often PENDING transactions are looked for
     * @param grace         how long a transaction may be PENDING before reconciliation asks the provider about it
     * @param batchSize     most transactions settled per pass
     * @param gaugeInterval how often the pending-transactions gauge is refreshed
     */
    public record Reconciliation(@DefaultValue("30s") Duration interval,
                                 @DefaultValue("10s") Duration grace,
                                 @DefaultValue("100") int batchSize,
                                 @DefaultValue("10s") Duration gaugeInterval) {

        public Reconciliation {
            requirePositive("reconciliation.interval", interval);
            requirePositive("reconciliation.grace", grace);
            requirePositive("reconciliation.gauge-interval", gaugeInterval);
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("fruitfulplanet.payment.reconciliation.batch-size must be "
                        + "1..10000: " + batchSize);
            }
        }
    }

    /**
     * A provider's circuit breaker: over the last {@code window} calls (once there were {@code minimumCalls}), if
     * {@code failureRate} percent or more failed or timed out (a decline is an answer, not a failure), the provider
     * is not called for {@code openFor}: its transactions stay PENDING and reconciliation tries them later, instead
     * of every order waiting out the timeout against a provider that is down.
     */
    public record CircuitBreaker(@DefaultValue("20") int window,
                                 @DefaultValue("10") int minimumCalls,
                                 @DefaultValue("50") int failureRate,
                                 @DefaultValue("30s") Duration openFor) {

        public CircuitBreaker {
            requirePositive("circuit-breaker.open-for", openFor);
            if (window < 1 || minimumCalls < 1 || failureRate < 1 || failureRate > 100) {
                throw new IllegalArgumentException("fruitfulplanet.payment.circuit-breaker: window and minimum-calls "
                        + "must be positive, failure-rate 1..100");
            }
        }
    }

    /**
     * @param tolerance how far a webhook's signed timestamp may be from now, either way (replay window)
     * @param retention how long processed webhook event ids are kept (longer than any provider retries)
     */
    public record Webhooks(@DefaultValue("5m") Duration tolerance, @DefaultValue("30d") Duration retention) {

        public Webhooks {
            requirePositive("webhooks.tolerance", tolerance);
            requirePositive("webhooks.retention", retention);
        }
    }

    /** @param webhookSecret the HMAC-SHA256 key of the provider's webhook signatures */
    public record Provider(String webhookSecret) {

        @Override
        public String toString() {
            return "Provider[webhookSecret=" + (webhookSecret == null ? "null" : "***") + "]";
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("fruitfulplanet.payment." + name + " must be positive: " + value);
        }
    }
}
