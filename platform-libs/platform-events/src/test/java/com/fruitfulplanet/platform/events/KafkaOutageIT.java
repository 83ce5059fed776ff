package com.fruitfulplanet.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.fruitfulplanet.contracts.events.Topics;
import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.platform.events.outbox.OutboxRelay;
import com.fruitfulplanet.platform.events.testapp.TestOrders;
import com.fruitfulplanet.platform.events.testapp.TestRelays;
import com.fruitfulplanet.platform.infra.EmbeddedKafkaBroker;
import com.fruitfulplanet.platform.infra.KafkaTopics;
import com.fruitfulplanet.platform.test.RealInfrastructure;
import com.fruitfulplanet.platform.test.ServiceDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Kafka goes away for 30 seconds while the service keeps committing changes, then comes back: every committed
 * event is delivered and applied exactly once, with no manual step. Runs on a Kafka broker of its own (it is
 * stopped mid-test) and in payment-service's schema, apart from the other tests.
 */
@SpringBootTest(classes = EventsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=payment-service", "management.server.port=0"})
class KafkaOutageIT {

    private static final Logger log = LoggerFactory.getLogger(KafkaOutageIT.class);
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private static Path brokerLogs;
    private static EmbeddedKafkaBroker broker;

    @Autowired
    private TestOrders orders;
    @Autowired
    private DatabaseClient db;
    @Autowired
    private TestRelays relays;
    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(Path.of("target"));
        brokerLogs = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-outage-");
        broker = EmbeddedKafkaBroker.start(brokerLogs, 0, 0);
        KafkaTopics.create(broker.bootstrapServers(), Topics.all());
        ServiceDatabase database = RealInfrastructure.get().provision(PlatformService.PAYMENT);
        registry.add("fruitfulplanet.database.host", database::host);
        registry.add("fruitfulplanet.database.port", database::port);
        registry.add("fruitfulplanet.database.name", database::database);
        registry.add("fruitfulplanet.database.username", database::username);
        registry.add("fruitfulplanet.database.password", database::password);
        registry.add("spring.kafka.bootstrap-servers", () -> broker.bootstrapServers());
        registry.add("spring.data.redis.host", () -> RealInfrastructure.get().redisHost());
        registry.add("spring.data.redis.port", () -> RealInfrastructure.get().redisPort());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void kafkaStoppedForThirtySecondsMidStreamLosesNothingAndNeedsNoManualStep() throws Exception {
        OutboxRelay relay = relays.start();
        List<UUID> orderIds = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        Disposable writer = Flux.interval(Duration.ofMillis(50))
                .onBackpressureDrop()
                .concatMap(n -> orders.changeStatus(orderIds.get((int) (n % orderIds.size())), "S%06d".formatted(n))
                        .onErrorResume(e -> Mono.empty()), 1)
                .subscribe();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> effects(orderIds) >= 20);
            int port = broker.port();
            int controllerPort = broker.controllerPort();
            double failuresBefore = meters.get("events.outbox.publish.failures").counter().count();

            broker.close();
            log.info("Kafka stopped; the service keeps writing for {}", OUTAGE);
            Thread.sleep(OUTAGE.toMillis());
            long waiting = unpublished(orderIds);
            assertThat(waiting).as("events committed during the outage, waiting in the outbox").isPositive();
            assertThat(meters.get("events.outbox.publish.failures").counter().count()).isGreaterThan(failuresBefore);

            broker = EmbeddedKafkaBroker.start(brokerLogs, port, controllerPort);
            log.info("Kafka restarted with {} events waiting", waiting);
            Thread.sleep(2_000);
        } finally {
            writer.dispose();
        }

        // Wait for the writer's last transaction to settle, then take the outbox as the truth of what committed.
        Thread.sleep(500);
        List<UUID> committed = committedEvents(orderIds);
        await().atMost(Duration.ofSeconds(90)).until(() -> unpublished(orderIds) == 0
                && effects(orderIds) >= committed.size());
        List<UUID> applied = appliedEvents(orderIds);
        assertThat(applied).as("each committed event applied exactly once").hasSize(committed.size())
                .containsExactlyInAnyOrderElementsOf(committed);
        for (UUID order : orderIds) {
            assertThat(statusesApplied(order)).as("order %s's events in order", order).isSorted();
        }
        relays.stop(relay);
        log.info("{} events committed across the outage, all applied once", committed.size());
    }

    private long effects(List<UUID> orderIds) {
        return db.sql("SELECT count(*) AS n FROM effect WHERE order_id = ANY(:ids)")
                .bind("ids", orderIds.toArray(UUID[]::new))
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private long unpublished(List<UUID> orderIds) {
        return db.sql("SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL AND event_key = ANY(:keys)")
                .bind("keys", orderIds.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private List<UUID> committedEvents(List<UUID> orderIds) {
        return db.sql("SELECT event_id FROM outbox_event WHERE event_key = ANY(:keys)")
                .bind("keys", orderIds.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> row.get("event_id", UUID.class)).all().collectList().block();
    }

    private List<UUID> appliedEvents(List<UUID> orderIds) {
        return db.sql("SELECT event_id FROM effect WHERE order_id = ANY(:ids)")
                .bind("ids", orderIds.toArray(UUID[]::new))
                .map(row -> row.get("event_id", UUID.class)).all().collectList().block();
    }

    private List<String> statusesApplied(UUID order) {
        return db.sql("SELECT status FROM effect WHERE order_id = :id ORDER BY seq").bind("id", order)
                .map(row -> row.get("status", String.class)).all().collectList().block();
    }
}
