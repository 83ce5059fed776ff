package com.fruitfulplanet.order.saga;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gives up on orders whose saga waited past its step's deadline ({@link OrderSaga#deadlinePassed}): every
 * {@code sweep-interval} it reads the oldest overdue orders and handles each in its own transaction, skipping one
 * that a saga message (or another replica's sweep) holds at that moment — it is looked at again next round, with
 * the step it is then in. Because the deadline is in the order's row, a restarted service picks up where it was.
 */
@Component
public class SagaDeadlines implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

    private final DatabaseClient db;
    private final OrderWorkflow workflow;
    private final OrderSaga saga;
    private final SagaProperties properties;
    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private volatile @Nullable Disposable sweeping;

    SagaDeadlines(DatabaseClient db, OrderWorkflow workflow, OrderSaga saga, SagaProperties properties,
                  MeterRegistry meters) {
        this.db = db;
        this.workflow = workflow;
        this.saga = saga;
        this.properties = properties;
        meters.gauge("fruitfulplanet.orders.saga.overdue", overdue);
        meters.gauge("fruitfulplanet.orders.saga.in.flight", inFlight);
    }

    /** How many orders were waiting in the saga at the last sweep (all replicas' orders: it is the table's). */
    public long inFlight() {
        return inFlight.get();
    }

    /** Counts the orders waiting in the saga (a count over the partial index of waiting orders). */
    Mono<Long> countInFlight() {
        return db.sql("SELECT count(*) AS n FROM customer_order WHERE saga_step <> 'DONE'")
                .map(row -> row.get("n", Long.class))
                .one()
                .doOnNext(inFlight::set);
    }

    /** Handles the orders overdue now; emits how many it cancelled. */
    Mono<Long> sweep() {
        return db.sql("""
                        SELECT id FROM customer_order
                         WHERE saga_step <> 'DONE' AND step_deadline < now()
                         ORDER BY step_deadline
                         LIMIT :batch
                        """)
                .bind("batch", properties.sweepBatch())
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList()
                .doOnNext(ids -> overdue.set(ids.size()))
                .flatMapMany(Flux::fromIterable)
                .concatMap(id -> workflow.stepIfFree(id, saga::deadlinePassed)
                        .onErrorResume(error -> {
                            log.warn("Could not apply the deadline of order {}; retrying next sweep", id, error);
                            return Mono.empty();
                        }))
                .count();
    }

    @Override
    public synchronized void start() {
        sweeping = Flux.interval(properties.sweepInterval(), properties.sweepInterval())
                .onBackpressureDrop()
                .concatMap(tick -> countInFlight().then(sweep()).onErrorResume(error -> {
                    log.warn("Deadline sweep failed; retrying next interval", error);
                    return Mono.just(0L);
                }), 1)
                .subscribe();
    }

    @Override
    public synchronized void stop() {
        Disposable running = sweeping;
        if (running != null) {
            running.dispose();
            sweeping = null;
        }
    }

    @Override
    public boolean isRunning() {
        return sweeping != null;
    }
}
