package com.fruitfulplanet.catalog.stock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Gives back holds nobody committed or released: every {@code sweep-interval}, batch after batch until none is
 * left, through {@link StockReservations#releaseExpired()}. Safe on every replica at once (the batches are locked
 * {@code FOR UPDATE SKIP LOCKED}). A failed sweep is logged and the next tick tries again; ticks that come while a
 * sweep still runs are dropped. Runs from application start to shutdown, which stops it before the database pool
 * closes (a sweep cut short rolls back).
 */
@Component
class ReservationExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);

    private final StockReservations reservations;
    private final StockReservationProperties properties;
    private volatile Scheduler scheduler;
    private volatile Disposable sweeping;

    ReservationExpiry(StockReservations reservations, StockReservationProperties properties) {
        this.reservations = reservations;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        scheduler = Schedulers.newSingle("reservation-expiry", true);
        sweeping = Flux.interval(properties.sweepInterval(), properties.sweepInterval(), scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> sweep()
                        .onErrorResume(failure -> {
                            log.warn("Releasing expired stock reservations failed, will try again: {}",
                                    failure.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public synchronized void stop() {
        if (sweeping != null) {
            sweeping.dispose();
        }
        if (scheduler != null) {
            scheduler.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return sweeping != null && !sweeping.isDisposed();
    }

    /** Releases batches until one comes back short; the total. */
    Mono<Integer> sweep() {
        return reservations.releaseExpired()
                .expand(released -> released == reservations.sweepBatch() ? reservations.releaseExpired()
                        : Mono.empty())
                .reduce(0, Integer::sum)
                .doOnNext(total -> {
                    if (total > 0) {
                        log.info("Released {} expired stock reservations", total);
                    }
                });
    }
}
