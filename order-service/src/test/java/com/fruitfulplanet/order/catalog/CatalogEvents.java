package com.fruitfulplanet.order.catalog;

import static org.awaitility.Awaitility.await;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.EventCatalog;
import com.fruitfulplanet.contracts.events.EventEnvelope;
import com.fruitfulplanet.contracts.events.EventJson;
import com.fruitfulplanet.contracts.events.EventMetadata;
import com.fruitfulplanet.contracts.events.EventType;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.platform.events.EventsKafkaProducer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * catalog-service as order-service sees it: its product events, sent to Kafka the way its outbox relay sends them
 * (CloudEvents envelope, keyed by product id), and a wait until the read model's consumer has taken them (its inbox
 * rows). Tests of the cart use it to have products in the read model.
 */
public final class CatalogEvents {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final EventsKafkaProducer producer;
    private final DatabaseClient db;

    public CatalogEvents(EventsKafkaProducer producer, DatabaseClient db) {
        this.producer = producer;
        this.db = db;
    }

    /** Now, in the precision PostgreSQL and catalog-service's events have. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A new product, active, priced in roubles, in the read model when this returns. */
    public UUID product(String rubles) {
        return product(Money.of(rubles, "RUB"));
    }

    public UUID product(Money price) {
        UUID id = UUID.randomUUID();
        applied(upserted(id, price, true, now()));
        return id;
    }

    /** Products like {@link #product(String)}, sent together and awaited together. */
    public List<UUID> products(int count, String rubles) {
        List<UUID> ids = java.util.stream.IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
        applied(ids.stream().map(id -> (DomainEvent) upserted(id, Money.of(rubles, "RUB"), true, now()))
                .toArray(DomainEvent[]::new));
        return ids;
    }

    public static ProductUpserted upserted(UUID id, Money price, boolean active, Instant at) {
        return new ProductUpserted(id, "SKU-" + id.toString().substring(0, 8), "Product " + id, UUID.randomUUID(),
                null, price, active, at);
    }

    /** Sends the events and waits until the consumer has processed each of them. */
    public List<EventMetadata> applied(DomainEvent... events) {
        List<EventMetadata> sent = Arrays.stream(events).map(this::send).toList();
        awaitConsumed(sent);
        return sent;
    }

    /** Sends the event with a new event id. */
    public EventMetadata send(DomainEvent event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        EventMetadata metadata = new EventMetadata(UUID.randomUUID(), type.name(),
                EventMetadata.sourceOf("catalog-service"), OffsetDateTime.now(), event.key(), null);
        send(event, metadata);
        return metadata;
    }

    /** Sends the event with this envelope: the same id again is a redelivery. */
    public void send(DomainEvent event, EventMetadata metadata) {
        CompletableFuture<?> sent = producer.template().send(EventEnvelope.toProducerRecord(
                EventCatalog.of(event.getClass()).topic().name(), event.key(), metadata, EventJson.write(event)));
        sent.join();
    }

    /** Waits until the read model's consumer has recorded these events in its inbox (applied, or dropped there). */
    public void awaitConsumed(List<EventMetadata> events) {
        UUID[] ids = events.stream().map(EventMetadata::id).toArray(UUID[]::new);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> db.sql("""
                        SELECT count(*) AS n FROM inbox_event WHERE consumer = :consumer AND event_id = ANY(:ids)""")
                .bind("consumer", CatalogProductConsumer.NAME)
                .bind("ids", ids)
                .map(row -> row.get("n", Long.class)).one().block() == ids.length);
    }
}
