package com.fruitfulplanet.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import com.fruitfulplanet.contracts.events.EventEnvelope;
import com.fruitfulplanet.contracts.events.EventJson;
import com.fruitfulplanet.contracts.events.EventMetadata;
import com.fruitfulplanet.contracts.events.ReceivedEvent;
import com.fruitfulplanet.contracts.events.Topics;
import com.fruitfulplanet.contracts.events.order.OrderStatusChanged;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import com.fruitfulplanet.platform.events.outbox.OutboxRelay;
import com.fruitfulplanet.platform.events.testapp.TestOrders;
import com.fruitfulplanet.platform.events.testapp.TestRelays;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * The event backbone end to end on real PostgreSQL and Kafka: a service's state change and its event commit
 * together, the relay publishes, the consumer applies each event once.
 */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
class EventBackboneIT {

    private static final String TOPIC = Topics.ORDER.name();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    private TestOrders orders;
    @Autowired
    private TestRelays relays;
    @Autowired
    private Outbox outbox;
    @Autowired
    private DatabaseClient db;
    @Autowired
    private EventsKafkaProducer producer;
    @Autowired
    private EventsProperties properties;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private Environment environment;
    @Autowired
    private WebTestClient web;
    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @AfterEach
    void stopRelays() {
        relays.stopAll();
    }

    @Test
    void committedChangeReachesTheConsumerOnceWithItsEnvelope() {
        startRelay();
        UUID order = UUID.randomUUID();

        EventMetadata metadata = orders.changeStatus(order, "PAID").block();

        await().atMost(PATIENCE).until(() -> effects(order).size() == 1);
        assertThat(effects(order)).containsExactly(new Effect(metadata.id(), "PAID"));
        assertThat(publishedAt(metadata.id())).isNotNull();
        try (TopicReader reader = new TopicReader(bootstrapServers, TOPIC)) {
            ConsumerRecord<String, byte[]> record = only(reader.readUntil(r -> count(r, metadata.id()) >= 1, PATIENCE),
                    metadata.id());
            assertThat(record.key()).isEqualTo(order.toString());
            assertThat(header(record, "ce_id")).isEqualTo(metadata.id().toString());
            assertThat(header(record, "ce_type")).isEqualTo("com.fruitfulplanet.order.OrderStatusChanged.v1");
            assertThat(header(record, "ce_source")).isEqualTo("urn:fruitfulplanet:order-service");
            assertThat(header(record, "ce_subject")).isEqualTo(order.toString());
            ReceivedEvent received = EventEnvelope.read(record);
            assertThat(received.metadata()).isEqualTo(metadata);
        }
    }

    @Test
    void thousandsOfEventsAppendedTogetherAreStoredInOrderAndEachIsPublishedAndConsumed() {
        startRelay();
        List<UUID> orderIds = IntStream.range(0, 2_500).mapToObj(i -> UUID.randomUUID()).toList();

        List<EventMetadata> appended = orders.changeStatuses(orderIds, "PACKED").block();

        assertThat(appended).extracting(EventMetadata::subject)
                .containsExactlyElementsOf(orderIds.stream().map(UUID::toString).toList());
        List<UUID> stored = db.sql("SELECT event_id FROM outbox_event WHERE event_id = ANY(:ids) ORDER BY id")
                .bind("ids", appended.stream().map(EventMetadata::id).toArray(UUID[]::new))
                .map(row -> row.get(0, UUID.class)).all().collectList().block();
        assertThat(stored).containsExactlyElementsOf(appended.stream().map(EventMetadata::id).toList());
        await().atMost(PATIENCE).until(() -> effects(orderIds.getFirst()).size() == 1
                && effects(orderIds.getLast()).size() == 1);
        assertThat(effects(orderIds.getLast())).containsExactly(new Effect(appended.getLast().id(), "PACKED"));
        UUID[] ids = appended.stream().map(EventMetadata::id).toArray(UUID[]::new);
        await().atMost(PATIENCE).until(() -> db.sql(
                        "SELECT count(*) FROM outbox_event WHERE event_id = ANY(:ids) AND published_at IS NULL")
                .bind("ids", ids).map(row -> row.get(0, Long.class)).one().block() == 0);
    }

    @Test
    void theRequestsTraceTravelsWithTheEvent() {
        startRelay();
        UUID order = UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        web.put().uri("/test/orders/{id}/status", order)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .bodyValue("PAID")
                .exchange()
                .expectStatus().isOk();

        await().atMost(PATIENCE).until(() -> effects(order).size() == 1);
        try (TopicReader reader = new TopicReader(bootstrapServers, TOPIC)) {
            UUID eventId = effects(order).getFirst().eventId();
            ConsumerRecord<String, byte[]> record = only(reader.readUntil(r -> count(r, eventId) >= 1, PATIENCE),
                    eventId);
            assertThat(header(record, EventEnvelope.TRACEPARENT_HEADER)).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        }
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        startRelay();
        UUID order = UUID.randomUUID();

        assertThatThrownBy(() -> orders.changeStatusThenFail(order, "ROLLED_BACK").block())
                .hasMessageContaining("business rule violated");
        EventMetadata later = orders.changeStatus(order, "PAID").block();

        // The later event of the same order (same partition, after it) arrives; the rolled-back one never existed.
        await().atMost(PATIENCE).until(() -> effects(order).size() == 1);
        assertThat(effects(order)).containsExactly(new Effect(later.id(), "PAID"));
        assertThat(outboxRows(order)).isEqualTo(1);
        assertThat(statusOf(order)).isEqualTo("PAID");
    }

    @Test
    void appendOutsideATransactionIsRefused() {
        OrderStatusChanged event = new OrderStatusChanged(UUID.randomUUID(), TestOrders.CUSTOMER, "PENDING", "PAID",
                Instant.now());

        assertThatThrownBy(() -> outbox.append(event).block())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
        assertThat(outboxRows(event.orderId())).isZero();
    }

    @Test
    void duplicateDeliveryHasOneEffect() {
        startRelay();
        UUID order = UUID.randomUUID();
        EventMetadata metadata = orders.changeStatus(order, "PAID").block();
        await().atMost(PATIENCE).until(() -> effects(order).size() == 1);
        double duplicatesBefore = consumed("duplicate");

        // Kafka redelivers (e.g. after a rebalance): the very same record, same event id, arrives again.
        try (TopicReader reader = new TopicReader(bootstrapServers, TOPIC)) {
            ConsumerRecord<String, byte[]> original =
                    only(reader.readUntil(r -> count(r, metadata.id()) >= 1, PATIENCE), metadata.id());
            ReceivedEvent received = EventEnvelope.read(original);
            producer.template().send(EventEnvelope.toProducerRecord(TOPIC, original.key(), received.metadata(),
                    received.data())).join();
        }

        await().atMost(PATIENCE).until(() -> consumed("duplicate") == duplicatesBefore + 1);
        assertThat(effects(order)).containsExactly(new Effect(metadata.id(), "PAID"));
    }

    @Test
    void relayKilledBetweenSendingAndMarkingSendsAgainAndTheEffectHappensOnce() throws Exception {
        UUID order = UUID.randomUUID();
        EventMetadata metadata = orders.changeStatus(order, "PAID").block();
        double duplicatesBefore = consumed("duplicate");

        try (Connection blocker = jdbc(); TopicReader reader = new TopicReader(bootstrapServers, TOPIC)) {
            // Hold the row so the relay can read and send it but blocks when it marks it published.
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement(
                    "SELECT id FROM outbox_event WHERE event_id = ? FOR UPDATE")) {
                lock.setObject(1, metadata.id());
                lock.executeQuery().close();
            }
            OutboxRelay doomed = startRelay();
            reader.readUntil(r -> count(r, metadata.id()) >= 1, PATIENCE);
            assertThat(count(reader.readFor(Duration.ZERO), metadata.id())).as("sent once").isEqualTo(1);
            int relayBackend = await().atMost(PATIENCE).until(() -> backendMarkingPublished(blocker), pid -> pid > 0);

            // Kill it: the relay stops and its database session dies mid-transaction, before the mark commits.
            relays.stop(doomed);
            try (PreparedStatement kill = blocker.prepareStatement("SELECT pg_terminate_backend(?)")) {
                kill.setInt(1, relayBackend);
                try (ResultSet killed = kill.executeQuery()) {
                    assertThat(killed.next() && killed.getBoolean(1)).isTrue();
                }
            }
            blocker.rollback();
            assertThat(publishedAt(metadata.id())).as("not marked published").isNull();

            startRelay();
            List<ConsumerRecord<String, byte[]>> onKafka = reader.readUntil(r -> count(r, metadata.id()) >= 2,
                    PATIENCE);
            assertThat(count(onKafka, metadata.id())).as("sent twice").isEqualTo(2);
        }

        await().atMost(PATIENCE).until(() -> publishedAt(metadata.id()) != null);
        await().atMost(PATIENCE).until(() -> consumed("duplicate") >= duplicatesBefore + 1);
        assertThat(effects(order)).containsExactly(new Effect(metadata.id(), "PAID"));
    }

    @Test
    void poisonMessageGoesToTheDeadLetterTopicAfterItsAttemptsAndThePartitionMovesOn() {
        startRelay();
        UUID order = UUID.randomUUID();
        double retriesBefore = counter("events.consumer.retries");

        EventMetadata poison = orders.changeStatus(order, EventsTestApplication.POISON).block();
        EventMetadata next = orders.changeStatus(order, "PAID").block();

        await().atMost(PATIENCE).until(() -> effects(order).size() == 1);
        assertThat(effects(order)).containsExactly(new Effect(next.id(), "PAID"));
        try (TopicReader dlt = new TopicReader(bootstrapServers, TOPIC + ".DLT")) {
            ConsumerRecord<String, byte[]> dead = only(dlt.readUntil(r -> count(r, poison.id()) >= 1, PATIENCE),
                    poison.id());
            assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
            assertThat(header(dead, "kafka_dlt-exception-message")).contains("refused on purpose");
            assertThat(EventEnvelope.read(dead).metadata()).isEqualTo(poison);
        }
        int maxAttempts = properties.consumer().maxAttempts();
        assertThat(counter("events.consumer.retries") - retriesBefore).isEqualTo(maxAttempts - 1);
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterTopicWithoutRetries() {
        startRelay();
        UUID order = UUID.randomUUID();
        double retriesBefore = counter("events.consumer.retries");
        EventMetadata broken = new EventMetadata(UUID.randomUUID(), "com.fruitfulplanet.order.OrderStatusChanged.v1",
                URI.create("urn:fruitfulplanet:somebody-else"), OffsetDateTime.now(ZoneOffset.UTC), order.toString(),
                null);
        producer.template().send(EventEnvelope.toProducerRecord(TOPIC, order.toString(), broken,
                "{\"orderId\": \"not json".getBytes(StandardCharsets.UTF_8))).join();
        EventMetadata next = orders.changeStatus(order, "PAID").block();

        await().atMost(PATIENCE).until(() -> effects(order).size() == 1);
        assertThat(effects(order)).containsExactly(new Effect(next.id(), "PAID"));
        try (TopicReader dlt = new TopicReader(bootstrapServers, TOPIC + ".DLT")) {
            ConsumerRecord<String, byte[]> dead = only(dlt.readUntil(r -> count(r, broken.id()) >= 1, PATIENCE),
                    broken.id());
            assertThat(header(dead, "kafka_dlt-exception-cause-fqcn")).endsWith(".EventDecodingException");
        }
        assertThat(counter("events.consumer.retries")).isEqualTo(retriesBefore);
    }

    @Test
    void twoRelaysPublishEveryEventOnceAndKeepEachOrdersEventsInOrder() {
        startRelay();
        startRelay();
        List<UUID> orderIds = IntStream.range(0, 12).mapToObj(i -> UUID.randomUUID()).toList();
        int perOrder = 40;

        // Orders change concurrently; each order's changes are sequential, as for one aggregate.
        List<EventMetadata> appended = Flux.fromIterable(orderIds)
                .flatMap(order -> Flux.range(1, perOrder)
                        .concatMap(n -> orders.changeStatus(order, "S%03d".formatted(n))), orderIds.size())
                .collectList()
                .block();
        assertThat(appended).hasSize(orderIds.size() * perOrder);

        Set<String> keys = new HashSet<>(orderIds.stream().map(UUID::toString).toList());
        try (TopicReader reader = new TopicReader(bootstrapServers, TOPIC)) {
            List<ConsumerRecord<String, byte[]>> ours = reader
                    .readUntil(r -> r.stream().filter(x -> keys.contains(x.key())).count() >= appended.size(),
                            Duration.ofSeconds(60))
                    .stream().filter(r -> keys.contains(r.key())).toList();
            assertThat(ours).hasSize(appended.size());
            assertThat(ours.stream().map(r -> header(r, "ce_id")).distinct().count()).isEqualTo(appended.size());
            Map<String, List<String>> statusesByOrder = new HashMap<>();
            ours.forEach(r -> statusesByOrder.computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(status(r)));
            statusesByOrder.values().forEach(statuses -> assertThat(statuses).isSorted().hasSize(perOrder));
        }
        await().atMost(PATIENCE).until(() -> orderIds.stream().allMatch(o -> effects(o).size() == perOrder));
    }

    @Test
    void aLaneHeldByAnotherRelayWaitsWhileOtherLanesFlowAndTheBacklogShowsInTheGauges() throws Exception {
        UUID held = UUID.randomUUID();
        UUID other = otherLaneThan(held);
        try (Connection otherRelay = jdbc()) {
            otherRelay.setAutoCommit(false);
            try (PreparedStatement lock = otherRelay.prepareStatement(
                    "SELECT lane FROM outbox_lane WHERE lane = (hashtext(?) & 15) FOR UPDATE")) {
                lock.setString(1, held.toString());
                lock.executeQuery().close();
            }
            EventMetadata waiting = orders.changeStatus(held, "PAID").block();
            EventMetadata flowing = orders.changeStatus(other, "PAID").block();
            startRelay();

            await().atMost(PATIENCE).until(() -> effects(other).size() == 1);
            await().atMost(PATIENCE).until(() -> gauge("events.outbox.pending") >= 1
                    && gauge("events.outbox.lag") > 0);
            assertThat(publishedAt(flowing.id())).isNotNull();
            assertThat(publishedAt(waiting.id())).isNull();
            assertThat(effects(held)).isEmpty();
            otherRelay.rollback();
        }
        await().atMost(PATIENCE).until(() -> effects(held).size() == 1);
        await().atMost(PATIENCE).until(() -> gauge("events.outbox.pending") == 0);
        assertThat(meters.get("events.outbox.published").tag("topic", TOPIC).counter().count()).isPositive();
        // Consumer lag comes from the Kafka client's metrics, bound for every consumer the platform runs.
        assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").meters()).isNotEmpty();
    }

    private OutboxRelay startRelay() {
        return relays.start();
    }

    private UUID otherLaneThan(UUID order) {
        int lane = db.sql("SELECT hashtext(:k) & 15 AS lane").bind("k", order.toString())
                .map(row -> row.get("lane", Integer.class)).one().block();
        while (true) {
            UUID candidate = UUID.randomUUID();
            int other = db.sql("SELECT hashtext(:k) & 15 AS lane").bind("k", candidate.toString())
                    .map(row -> row.get("lane", Integer.class)).one().block();
            if (other != lane) {
                return candidate;
            }
        }
    }

    private int backendMarkingPublished(Connection observer) throws SQLException {
        try (PreparedStatement query = observer.prepareStatement("""
                SELECT pid FROM pg_stat_activity
                 WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE outbox_event SET published_at%'
                """);
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private Connection jdbc() throws SQLException {
        String url = "jdbc:postgresql://" + environment.getProperty("fruitfulplanet.database.host") + ":"
                + environment.getProperty("fruitfulplanet.database.port") + "/"
                + environment.getProperty("fruitfulplanet.database.name");
        return DriverManager.getConnection(url, environment.getProperty("fruitfulplanet.database.username"),
                environment.getProperty("fruitfulplanet.database.password"));
    }

    private List<Effect> effects(UUID order) {
        return db.sql("SELECT event_id, status FROM effect WHERE order_id = :order ORDER BY seq")
                .bind("order", order)
                .map(row -> new Effect(row.get("event_id", UUID.class), row.get("status", String.class)))
                .all().collectList().block();
    }

    private OffsetDateTime publishedAt(UUID eventId) {
        return db.sql("SELECT published_at FROM outbox_event WHERE event_id = :id")
                .bind("id", eventId)
                .map(row -> Optional.ofNullable(row.get("published_at", OffsetDateTime.class)))
                .one().block().orElse(null);
    }

    private long outboxRows(UUID order) {
        return db.sql("SELECT count(*) AS n FROM outbox_event WHERE event_key = :key")
                .bind("key", order.toString())
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private String statusOf(UUID order) {
        return db.sql("SELECT status FROM test_order WHERE id = :id").bind("id", order)
                .map(row -> row.get("status", String.class)).one().block();
    }

    private double consumed(String outcome) {
        return meters.find("events.consumer.records").tag("consumer", "effects").tag("outcome", outcome)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double counter(String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double gauge(String name) {
        var gauge = meters.find(name).gauge();
        if (gauge != null) {
            return gauge.value();
        }
        var timeGauge = meters.find(name).timeGauge();
        return timeGauge == null ? -1 : timeGauge.value();
    }

    private static String status(ConsumerRecord<String, byte[]> record) {
        return EventJson.read(record.value(), OrderStatusChanged.class).status();
    }

    private static long count(List<ConsumerRecord<String, byte[]>> records, UUID eventId) {
        return records.stream().filter(r -> eventId.toString().equals(header(r, "ce_id"))).count();
    }

    private static ConsumerRecord<String, byte[]> only(List<ConsumerRecord<String, byte[]>> records, UUID eventId) {
        List<ConsumerRecord<String, byte[]>> matching = records.stream()
                .filter(r -> eventId.toString().equals(header(r, "ce_id"))).toList();
        assertThat(matching).as("records with ce_id " + eventId).hasSize(1);
        return matching.getFirst();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    record Effect(UUID eventId, String status) {
    }
}
