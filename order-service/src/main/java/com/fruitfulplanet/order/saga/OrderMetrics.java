package com.fruitfulplanet.order.saga;

import com.fruitfulplanet.order.orders.Order;
import com.fruitfulplanet.order.orders.OrderStatus;
import com.fruitfulplanet.order.orders.Transition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * The business counters of checkout, counted when the change that caused them commits (a handler that rolls back
 * and is retried would otherwise count twice): orders placed, confirmed, cancelled by reason, revenue, refunds, and
 * how long the saga took from placing to its outcome.
 */
@Component
public class OrderMetrics {

    private final MeterRegistry meters;
    private final Clock clock;

    OrderMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    public Mono<Void> placed(Order order) {
        return afterCommit(() -> Counter.builder("fruitfulplanet.orders.placed")
                .description("Orders placed (PENDING, the saga starts)")
                .register(meters).increment());
    }

    /** Counts what {@code change} did to {@code order} (its state after the change). */
    public Mono<Void> changed(Transition change, Order order) {
        if (!change.changesStatus()) {
            return Mono.empty();
        }
        return afterCommit(() -> {
            switch (order.status()) {
                case CONFIRMED -> {
                    Counter.builder("fruitfulplanet.orders.confirmed").description("Orders confirmed")
                            .register(meters).increment();
                    Counter.builder("fruitfulplanet.orders.revenue")
                            .description("Value of confirmed orders (before refunds)")
                            .baseUnit(order.total().currency().getCurrencyCode())
                            .tag("currency", order.total().currency().getCurrencyCode())
                            .register(meters).increment(order.total().amount().doubleValue());
                    sagaFinished(order, "confirmed", "none");
                }
                case CANCELLED -> {
                    String reason = order.cancelReason().name();
                    Counter.builder("fruitfulplanet.orders.cancelled").description("Orders cancelled, by reason")
                            .tag("reason", reason).register(meters).increment();
                    if (change.from().status() == OrderStatus.PENDING) {
                        sagaFinished(order, "cancelled", reason);
                    }
                }
                case REFUNDED -> Counter.builder("fruitfulplanet.orders.refunded")
                        .description("Orders refunded in full").register(meters).increment();
                default -> {
                }
            }
        });
    }

    private void sagaFinished(Order order, String outcome, String reason) {
        Timer.builder("fruitfulplanet.orders.saga.duration")
                .description("From placing an order to its saga's outcome (CONFIRMED or CANCELLED)")
                .tag("outcome", outcome).tag("reason", reason)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1))
                .register(meters)
                .record(Duration.between(order.createdAt(), clock.instant()));
    }

    private static Mono<Void> afterCommit(Runnable count) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(transaction -> transaction.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(count);
                    }
                }))
                .then()
                // Outside a transaction there is nothing to wait for.
                .onErrorResume(org.springframework.transaction.NoTransactionException.class,
                        none -> Mono.fromRunnable(count));
    }
}
