package com.fruitfulplanet.order.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fruitfulplanet.order.saga.*}: how long each waiting step may take before the saga gives up and compensates.
 *
 * @param reserveTimeout  from ReserveStock to catalog-service's answer
 * @param paymentTimeout  from AuthorizePayment to payment-service's answer; longer than the provider timeout plus a
 *                        reconciliation round, so a slow provider is settled rather than given up on
 * @param stockHold       how long catalog-service holds the stock (longer than both timeouts together, so the hold
 *                        never lapses under an order that is still going to be confirmed)
 * @param sweepInterval   how often orders past their deadline are looked for
 * @param sweepBatch      how many orders one sweep handles at most
 * @param maxInFlight     how many orders may wait in the saga at once before new ones are refused (429): past the
 *                        platform's capacity, an accepted order would only be cancelled at its deadline (TIMEOUT)
 *                        later; tune to the measured capacity times the reserve timeout (docs/benchmarks.md)
 */
@ConfigurationProperties("fruitfulplanet.order.saga")
public record SagaProperties(@DefaultValue("30s") Duration reserveTimeout,
                             @DefaultValue("2m") Duration paymentTimeout,
                             @DefaultValue("15m") Duration stockHold,
                             @DefaultValue("1s") Duration sweepInterval,
                             @DefaultValue("100") int sweepBatch,
                             @DefaultValue("300") int maxInFlight) {

    public SagaProperties {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("fruitfulplanet.order.saga.max-in-flight must be positive");
        }
        if (stockHold.compareTo(reserveTimeout.plus(paymentTimeout)) <= 0) {
            throw new IllegalArgumentException("fruitfulplanet.order.saga.stock-hold (" + stockHold + ") must be "
                    + "longer than reserve-timeout + payment-timeout, or held stock could lapse under an order "
                    + "that is about to be confirmed");
        }
    }
}
