package com.fruitfulplanet.catalog.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.EventCatalog;
import com.fruitfulplanet.contracts.events.EventEnvelope;
import com.fruitfulplanet.contracts.events.EventJson;
import com.fruitfulplanet.contracts.events.EventMetadata;
import com.fruitfulplanet.contracts.events.EventType;
import com.fruitfulplanet.contracts.events.catalog.CommitStock;
import com.fruitfulplanet.contracts.events.catalog.ReleaseStock;
import com.fruitfulplanet.contracts.events.catalog.ReserveStock;
import com.fruitfulplanet.contracts.events.catalog.StockRejected;
import com.fruitfulplanet.contracts.events.catalog.StockReleased;
import com.fruitfulplanet.contracts.events.catalog.StockReserved;
import com.fruitfulplanet.platform.events.EventsKafkaProducer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The saga's stock commands arriving through Kafka, as order-service's outbox relay sends them. */
class StockCommandsIT extends StockIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final List<EventMetadata> sent = new CopyOnWriteArrayList<>();

    @Autowired
    private EventsKafkaProducer producer;

    @Test
    void aReserveCommandOnTheTopicHoldsStockAndAnswersStockReserved() throws Exception {
        UUID product = product(5);
        UUID order = UUID.randomUUID();
        EventMetadata reserve = send(new ReserveStock(order, List.of(new ReserveStock.Line(product, 2)), null));

        await().atMost(PATIENCE).until(() -> events(StockReserved.class, order).size() == 1);
        assertThat(reservation(order).state()).isEqualTo("HELD");
        assertThat(level(product)).isEqualTo(new Level(5, 2));

        // The same record again (a redelivery): the inbox drops it. Then the commit, which must come after it.
        send(new ReserveStock(order, List.of(new ReserveStock.Line(product, 2)), null), reserve);
        send(new CommitStock(order));
        await().atMost(PATIENCE).until(() -> "COMMITTED".equals(reservation(order).state()));
        assertThat(level(product)).isEqualTo(new Level(3, 0));
        assertThat(events(StockReserved.class, order)).hasSize(1);
    }

    @Test
    void aCommandThatCannotBeReservedIsRejectedNotRetried() throws Exception {
        UUID order = UUID.randomUUID();
        UUID unknownProduct = UUID.randomUUID();

        send(new ReserveStock(order, List.of(new ReserveStock.Line(unknownProduct, 1)), null));

        await().atMost(PATIENCE).until(() -> events(StockRejected.class, order).size() == 1);
        assertThat(reservation(order).state()).isEqualTo("REJECTED");
        assertThat(events(StockRejected.class, order).getFirst().shortages())
                .containsExactly(new StockRejected.Shortage(unknownProduct, 1, 0));
    }

    @Test
    void aReleaseBeforeItsReserveWinsThroughKafkaToo() throws Exception {
        UUID product = product(5);
        UUID order = UUID.randomUUID();

        send(new ReleaseStock(order, StockReleased.ReleaseReason.ORDER_CANCELLED));
        send(new ReserveStock(order, List.of(new ReserveStock.Line(product, 1)), null));

        // Commands of one order share a partition and run in order; wait for the reserve to have been consumed.
        await().atMost(PATIENCE).until(() -> events(StockReleased.class, order).size() == 1);
        await().atMost(PATIENCE).until(() -> consumed(order) == 2);
        assertThat(reservation(order).state()).isEqualTo("RELEASED");
        assertThat(level(product)).isEqualTo(new Level(5, 0));
        assertThat(events(StockReserved.class, order)).isEmpty();
    }

    /** How many of the commands sent for the order the consumer has applied (its inbox rows). */
    private long consumed(UUID order) {
        return db.sql("SELECT count(*) AS n FROM inbox_event WHERE consumer = :consumer AND event_id = ANY(:ids)")
                .bind("consumer", StockCommandConsumer.NAME)
                .bind("ids", sent.stream().filter(m -> m.subject().equals(order.toString()))
                        .map(EventMetadata::id).toArray(UUID[]::new))
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private EventMetadata send(DomainEvent command) throws Exception {
        EventType<?> type = EventCatalog.of(command.getClass());
        EventMetadata metadata = new EventMetadata(UUID.randomUUID(), type.name(),
                EventMetadata.sourceOf("order-service"), OffsetDateTime.now(), command.key(), null);
        return send(command, metadata);
    }

    private EventMetadata send(DomainEvent command, EventMetadata metadata) throws Exception {
        producer.template().send(EventEnvelope.toProducerRecord(EventCatalog.of(command.getClass()).topic().name(),
                command.key(), metadata, EventJson.write(command))).get();
        sent.add(metadata);
        return metadata;
    }
}
