package com.fruitfulplanet.payment.settlement;

import com.fruitfulplanet.payment.config.PaymentProperties;
import com.fruitfulplanet.payment.ledger.LedgerRows;
import com.fruitfulplanet.payment.ledger.LedgerRows.StaleTransaction;
import com.fruitfulplanet.payment.provider.PaymentProviders;
import com.fruitfulplanet.payment.provider.ProviderResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Settles what the processor could not: every {@code reconciliation.interval}, the first PENDING transaction of each
 * payment that has waited longer than {@code reconciliation.grace}.
 *
 * <ul>
 * <li>Attempted (the call timed out, or the process died waiting for it): claimed again (only if nobody did since),
 * then the provider is asked what it did under the idempotency key. An answer settles it like the processor would;
 * no record means the call never reached the provider, so it is made again with the same key; PENDING means ask
 * again next time.</li>
 * <li>Never attempted (the process died between commit and call): its payment's queue is processed.</li>
 * </ul>
 * Either way the payment's queue then goes on (a void waiting behind an authorization runs right after it). Safe on
 * every replica at once. Counted in {@code fruitfulplanet.payments.reconciliation.settlements{provider, outcome}};
 * the gauges {@code fruitfulplanet.payments.pending} and {@code fruitfulplanet.payments.pending.oldest} (seconds)
 * are refreshed every {@code reconciliation.gauge-interval}.
 */
@Component
public class Reconciliation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final LedgerRows rows;
    private final PaymentProviders providers;
    private final Settlements settlements;
    private final TransactionProcessor processor;
    private final PaymentProperties.Reconciliation properties;
    private final MeterRegistry meters;
    private final AtomicReference<LedgerRows.PendingBacklog> backlog =
            new AtomicReference<>(new LedgerRows.PendingBacklog(0, 0));
    private volatile Scheduler scheduler;
    private volatile Disposable running;

    Reconciliation(LedgerRows rows, PaymentProviders providers, Settlements settlements,
                   TransactionProcessor processor, PaymentProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.rows = rows;
        this.providers = providers;
        this.settlements = settlements;
        this.processor = processor;
        this.properties = properties.reconciliation();
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        Gauge.builder("fruitfulplanet.payments.pending", backlog, b -> b.get().pending())
                .description("Payment transactions waiting for a provider's answer").register(this.meters);
        Gauge.builder("fruitfulplanet.payments.pending.oldest", backlog, b -> b.get().oldestSeconds())
                .description("Age of the oldest PENDING payment transaction").baseUnit("seconds")
                .register(this.meters);
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        scheduler = Schedulers.newSingle("payment-reconciliation", true);
        Disposable reconciling = Flux.interval(properties.interval(), properties.interval(), scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> reconcile().onErrorResume(failure -> {
                    log.warn("Payment reconciliation failed, will try again: {}", failure.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
        Disposable measuring = Flux.interval(java.time.Duration.ZERO, properties.gaugeInterval(), scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> rows.pendingBacklog().doOnNext(backlog::set)
                        .onErrorResume(failure -> Mono.empty()), 1)
                .subscribe();
        running = Disposables.composite(reconciling, measuring);
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.dispose();
        }
        if (scheduler != null) {
            scheduler.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }

    /** One pass (at most {@code batch-size} transactions); how many it looked at. */
    public Mono<Long> reconcile() {
        return rows.stale(properties.grace(), properties.batchSize())
                .concatMap(stale -> reconcile(stale)
                        .onErrorResume(failure -> {
                            log.warn("Reconciling transaction {} failed, will try again: {}", stale.id(),
                                    failure.toString());
                            return Mono.empty();
                        }))
                .count();
    }

    private Mono<Void> reconcile(StaleTransaction stale) {
        if (stale.attemptedAt() == null) {
            return rows.find(stale.paymentId())
                    .doOnNext(payment -> count(payment.provider(), "resumed"))
                    .then(processor.process(stale.paymentId()));
        }
        return rows.reclaim(stale.id(), stale.attemptedAt())
                .filter(claimed -> claimed)
                .flatMap(claimed -> Mono.zip(rows.transaction(stale.id()), rows.find(stale.paymentId())))
                .flatMap(found -> {
                    String provider = found.getT2().provider();
                    String key = found.getT1().idempotencyKey();
                    return providers.lookup(provider, key)
                            .map(Optional::of)
                            .defaultIfEmpty(Optional.empty())
                            .flatMap(answer -> settle(stale, provider, key, answer));
                })
                .then(Mono.defer(() -> processor.process(stale.paymentId())));
    }

    private Mono<Void> settle(StaleTransaction stale, String provider, String key, Optional<ProviderResult> answer) {
        if (answer.isEmpty()) {
            log.info("{} has no record of {}: calling it again with the same key", provider, key);
            return processor.execute(stale.id())
                    .doOnNext(settled -> count(provider, settled ? "re-executed" : "still-pending"))
                    .then();
        }
        ProviderResult result = answer.get();
        if (!result.settled()) {
            count(provider, "still-pending");
            return Mono.empty();
        }
        log.info("{} says {} {}: settling it", provider, key, result.outcome());
        return settlements.settle(stale.id(), result)
                .doOnNext(settled -> count(provider, settled ? "looked-up" : "already-settled"))
                .then();
    }

    private void count(String provider, String outcome) {
        Counter.builder("fruitfulplanet.payments.reconciliation.settlements")
                .description("PENDING transactions reconciliation dealt with, by what it did")
                .tag("provider", provider).tag("outcome", outcome)
                .register(meters).increment();
    }
}
