package com.fruitfulplanet.platform.events.outbox;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.EventCatalog;
import com.fruitfulplanet.contracts.events.EventJson;
import com.fruitfulplanet.contracts.events.EventMetadata;
import com.fruitfulplanet.contracts.events.EventType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Appends domain events to the service's outbox, in the transaction of the state change they describe: both
 * commit, or neither does. The {@link OutboxRelay} publishes them afterwards.
 *
 * <pre>{@code
 * return transactions.transactional(
 *         orders.insert(order)
 *               .then(outbox.append(new OrderPlaced(...))));
 * }</pre>
 *
 * <p>Outside a transaction {@link #append} fails: "write the database, then send" is exactly what the outbox
 * exists to prevent. Events of one aggregate are published in the order their transactions committed, provided the
 * transaction changes (and so locks) the aggregate's row before appending, as a state change does.
 */
public final class Outbox {

    private final OutboxStore store;
    private final URI source;
    private final Supplier<String> traceparent;
    private final Clock clock;

    /**
     * @param db              the service's database
     * @param applicationName the service, for the CloudEvents {@code source}
     * @param traceparent     the W3C traceparent of the current trace, or null outside one
     * @param clock           for the CloudEvents {@code time}
     */
    public Outbox(DatabaseClient db, String applicationName, Supplier<String> traceparent, Clock clock) {
        this.store = new OutboxStore(db);
        this.source = EventMetadata.sourceOf(applicationName);
        this.traceparent = traceparent;
        this.clock = clock;
    }

    /**
     * Appends one event. Must be subscribed inside the surrounding R2DBC transaction.
     *
     * @return the envelope the event will be published with (its id identifies it to every consumer)
     */
    public Mono<EventMetadata> append(DomainEvent event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        return requireTransaction()
                .then(Mono.fromSupplier(() -> metadata(type, event)))
                .flatMap(metadata -> store.insert(type.topic().name(), event.key(), metadata, EventJson.write(event))
                        .thenReturn(metadata));
    }

    /**
     * Appends several events, in order, with multi-row inserts: for changes that touch thousands of aggregates in
     * one transaction (a 1C batch). Same rules as {@link #append}: inside the transaction of the change.
     *
     * @return the envelopes, in the order of the events
     */
    public Mono<List<EventMetadata>> appendAll(List<? extends DomainEvent> events) {
        if (events.isEmpty()) {
            return Mono.just(List.of());
        }
        return requireTransaction().then(Mono.fromSupplier(() -> {
            List<OutboxStore.NewRow> rows = new ArrayList<>(events.size());
            for (DomainEvent event : events) {
                EventType<?> type = EventCatalog.of(event.getClass());
                rows.add(new OutboxStore.NewRow(type.topic().name(), event.key(), metadata(type, event),
                        EventJson.write(event)));
            }
            return rows;
        })).flatMap(rows -> store.insertAll(rows)
                .thenReturn(rows.stream().map(OutboxStore.NewRow::metadata).toList()));
    }

    private EventMetadata metadata(EventType<?> type, DomainEvent event) {
        // Microseconds: what PostgreSQL keeps, so the metadata returned here is exactly what consumers receive.
        OffsetDateTime time = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        return new EventMetadata(UUID.randomUUID(), type.name(), source, time, event.key(), traceparent.get());
    }

    private static Mono<Void> requireTransaction() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .onErrorResume(NoTransactionException.class, e -> Mono.empty())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "Outbox.append must run inside the transaction of the state change (TransactionalOperator "
                                + "or @Transactional); outside one the event could be lost or sent for a change "
                                + "that never committed")))
                .then();
    }
}
