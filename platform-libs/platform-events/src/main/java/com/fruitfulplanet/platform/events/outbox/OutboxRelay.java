package com.fruitfulplanet.platform.events.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fruitfulplanet.platform.events.EventsProperties;
import com.fruitfulplanet.platform.events.schema.ChunkedDelete;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Publishes the service's outbox to Kafka.
 *
 * <p>One pass, in one database transaction: lock every lane no other relay holds ({@code FOR UPDATE SKIP LOCKED}),
 * read up to a batch of their unpublished rows oldest first, send them (idempotent producer, {@code acks=all},
 * keyed by aggregate id), wait for Kafka's acknowledgements, mark the acknowledged rows published, commit. All
 * events of a key share a lane and a lane has one owner at a time, so several replicas relay safely without
 * reordering a key's events. A relay that dies after sending and before committing leaves its rows unpublished:
 * they are sent again, and consumers' inboxes drop the second copy (at-least-once delivery, exactly-once effect).
 *
 * <p>A pass runs when Postgres notifies that new rows committed ({@code LISTEN/NOTIFY}), and every poll interval
 * in case a notification was missed; passes repeat while they find work. A failed pass (Kafka down, timeout) is
 * retried after a pause that doubles per consecutive failure, up to a limit; nothing needs a manual step.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final OutboxNotifications notifications;
    private final TransactionalOperator transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventsProperties.Outbox settings;
    private final OutboxMetrics metrics;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile Disposable.Composite running;

    public OutboxRelay(DatabaseClient db, ConnectionFactory connections, ReactiveTransactionManager transactionManager,
                       KafkaTemplate<String, byte[]> kafka, EventsProperties.Outbox settings, OutboxMetrics metrics) {
        this.store = new OutboxStore(db);
        this.notifications = new OutboxNotifications(connections);
        this.transactions = TransactionalOperator.create(transactionManager);
        this.kafka = kafka;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public synchronized void start() {
        if (running != null) {
            return;
        }
        Disposable.Composite tasks = Disposables.composite();
        running = tasks;
        tasks.add(store.exists()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(s -> log.warn("Outbox relay cannot reach the database yet: {}",
                                s.failure().getMessage())))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.fromRunnable(() -> log.info("No outbox_event table in this schema; the relay "
                        + "stays idle (a service that publishes events adds OutboxTableMigration)")))
                .flatMap(present -> store.schema())
                .subscribe(schema -> {
                    log.info("Outbox relay started for schema {} (poll every {}, batches of {})", schema,
                            settings.pollInterval(), settings.batchSize());
                    tasks.add(relayLoop(schema));
                    tasks.add(housekeeping());
                }, error -> log.error("Outbox relay could not start", error)));
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    private Disposable relayLoop(String schema) {
        return Flux.merge(notifications.wakeups(schema), Flux.interval(Duration.ZERO, settings.pollInterval()))
                .onBackpressureLatest()
                // Wake-ups that arrive while a drain (or the batch window after it) runs fold into one.
                .concatMap(wakeup -> drain().then(Mono.delay(settings.batchWindow())), 1)
                .subscribe();
    }

    /**
     * Passes while they find full batches (a partial batch means the lanes were drained; rows committed since then
     * bring their own notification); a failure pauses (with backoff) and ends the drain.
     */
    private Mono<Integer> drain() {
        return relayOnce()
                .expand(published -> published >= settings.batchSize() ? relayOnce() : Mono.empty())
                .reduce(0, Integer::sum)
                .doOnNext(published -> consecutiveFailures.set(0))
                .onErrorResume(this::pauseAfter);
    }

    private Mono<Integer> pauseAfter(Throwable failure) {
        metrics.failed();
        int failures = consecutiveFailures.incrementAndGet();
        Duration pause = backoff(failures);
        log.warn("Outbox relay pass failed ({} in a row), retrying in {} ms: {}", failures, pause.toMillis(),
                failure.toString());
        return Mono.delay(pause).then(Mono.empty());
    }

    Duration backoff(int failures) {
        long initial = settings.retryInitialInterval().toMillis();
        long max = settings.retryMaxInterval().toMillis();
        long pause = initial << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(pause, max));
    }

    /** One pass; emits how many events it published, or fails after committing what Kafka did acknowledge. */
    Mono<Integer> relayOnce() {
        return transactions.transactional(
                        store.relaxDurabilityOfThisTransaction()
                                .then(store.lockFreeLanes())
                                .flatMap(lanes -> lanes.isEmpty() ? Mono.just(List.<PendingEvent>of())
                                        : store.pending(lanes, settings.batchSize()).collectList())
                                .flatMap(events -> events.isEmpty() ? Mono.just(Batch.EMPTY) : publish(events))
                                .flatMap(batch -> store.markPublished(batch.sentIds()).thenReturn(batch)))
                .flatMap(batch -> {
                    batch.countByTopic().forEach(metrics::published);
                    return batch.failure() == null ? Mono.just(batch.sent().size()) : Mono.error(batch.failure());
                });
    }

    private Mono<Batch> publish(List<PendingEvent> events) {
        // send() may block while it waits for topic metadata (bounded by max.block.ms): not on an event loop.
        return Mono.fromCallable(() -> sendAll(events))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sends -> Mono.fromFuture(sends.allDone())
                        .timeout(settings.sendTimeout().plusSeconds(1), Mono.empty())
                        .then(Mono.fromSupplier(sends::outcome)));
    }

    private Sends sendAll(List<PendingEvent> events) {
        List<PendingEvent> attempted = new ArrayList<>(events.size());
        List<CompletableFuture<SendResult<String, byte[]>>> futures = new ArrayList<>(events.size());
        for (PendingEvent event : events) {
            try {
                futures.add(kafka.send(event.toProducerRecord()));
                attempted.add(event);
            } catch (RuntimeException e) {
                // The producer could not even queue it (no metadata within max.block.ms): the rest would wait too.
                return new Sends(attempted, futures, e);
            }
        }
        return new Sends(attempted, futures, null);
    }

    private Disposable housekeeping() {
        Disposable backlog = Flux.interval(Duration.ZERO, settings.metricsInterval())
                .onBackpressureDrop()
                .concatMap(tick -> store.backlog()
                        .doOnNext(metrics::backlog)
                        .onErrorResume(e -> {
                            log.debug("Could not read the outbox backlog: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
        Disposable cleanup = Flux.interval(Duration.ZERO, settings.cleanupInterval())
                .onBackpressureDrop()
                .concatMap(tick -> cleanUp(), 1)
                .subscribe();
        return Disposables.composite(backlog, cleanup);
    }

    private Mono<Long> cleanUp() {
        return ChunkedDelete.untilDone(limit -> store.deletePublishedOlderThan(settings.retention(), limit))
                .doOnNext(metrics::cleaned)
                .onErrorResume(e -> {
                    log.warn("Outbox clean-up failed, will try again: {}", e.toString());
                    return Mono.empty();
                });
    }

    /** What one pass handed to the producer, and how it went. */
    private record Sends(List<PendingEvent> attempted, List<CompletableFuture<SendResult<String, byte[]>>> futures,
                         Throwable queueFailure) {

        CompletableFuture<Void> allDone() {
            return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(e -> null);
        }

        Batch outcome() {
            List<PendingEvent> sent = new ArrayList<>(attempted.size());
            Throwable failure = queueFailure;
            for (int i = 0; i < attempted.size(); i++) {
                CompletableFuture<SendResult<String, byte[]>> future = futures.get(i);
                if (future.isDone() && !future.isCompletedExceptionally()) {
                    sent.add(attempted.get(i));
                } else if (failure == null) {
                    failure = future.isDone() ? future.exceptionNow()
                            : new TimeoutException("Kafka did not acknowledge within the send timeout");
                }
            }
            return new Batch(sent, failure);
        }
    }

    /** The events Kafka acknowledged in one pass, and the first failure if any was not. */
    private record Batch(List<PendingEvent> sent, Throwable failure) {

        static final Batch EMPTY = new Batch(List.of(), null);

        List<Long> sentIds() {
            return sent.stream().map(PendingEvent::id).toList();
        }

        Map<String, Integer> countByTopic() {
            return sent.stream().collect(Collectors.groupingBy(PendingEvent::topic,
                    Collectors.collectingAndThen(Collectors.counting(), Long::intValue)));
        }
    }
}
