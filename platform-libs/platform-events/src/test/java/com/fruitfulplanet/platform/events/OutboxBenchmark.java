package com.fruitfulplanet.platform.events;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

import com.fruitfulplanet.platform.events.outbox.OutboxMetrics;
import com.fruitfulplanet.platform.events.outbox.OutboxRelay;
import com.fruitfulplanet.platform.events.testapp.TestOrders;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox's cost and speed on this machine, in one run on real PostgreSQL and Kafka. Not part of the build:
 * run it with {@code ./mvnw -pl platform-libs/platform-events verify -Pbenchmark} (after an install of the
 * libraries) and read {@code target/benchmarks/outbox.md}. It measures, it does not assert.
 *
 * <ol>
 *   <li>Write throughput: the same state change with and without the outbox append, closed loop with
 *       {@value #WRITERS} concurrent writers, in alternating rounds so that machine noise hits both alike. The
 *       relay and the consumer run during the outbox rounds: their cost is part of the price.</li>
 *   <li>Commit-to-consume latency at a steady {@value #STEADY_RATE} events/s: from the event's time (taken just
 *       before its transaction commits) to the consumer's handler, p50/p99/max.</li>
 *   <li>Events/s through the outbox: a backlog of {@value #BACKLOG} events published by one relay, and the
 *       consumer applying them.</li>
 * </ol>
 */
@PlatformIntegrationTest
class OutboxBenchmark {

    private static final int WRITERS = 16;
    private static final int ROUNDS = 3;
    private static final Duration ROUND = Duration.ofSeconds(10);
    private static final int STEADY_RATE = 200;
    private static final Duration STEADY = Duration.ofSeconds(20);
    private static final int BACKLOG = 20_000;

    @Autowired
    private TestOrders orders;
    @Autowired
    private DatabaseClient db;
    @Autowired
    private ConnectionFactory connections;
    @Autowired
    private ReactiveTransactionManager transactionManager;
    @Autowired
    private EventsKafkaProducer producer;
    @Autowired
    private EventsProperties properties;
    @Autowired
    private OutboxMetrics outboxMetrics;

    @Test
    void measure() throws IOException {
        List<UUID> orderIds = IntStream.range(0, 1_000).mapToObj(i -> UUID.randomUUID()).toList();
        OutboxRelay relay = relay();
        relay.start();

        // Warm-up: JIT, connection pool, producer and consumer connections.
        writeFor(Duration.ofSeconds(5), orderIds, (id, n) -> orders.changeStatusWithoutEvent(id, "W" + n));
        writeFor(Duration.ofSeconds(5), orderIds, (id, n) -> orders.changeStatus(id, "W" + n).then());

        long plainOps = 0;
        long outboxOps = 0;
        List<String> rounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            long plain = writeFor(ROUND, orderIds, (id, n) -> orders.changeStatusWithoutEvent(id, "P" + n));
            long withOutbox = writeFor(ROUND, orderIds, (id, n) -> orders.changeStatus(id, "O" + n).then());
            plainOps += plain;
            outboxOps += withOutbox;
            rounds.add("| %d | %.0f | %.0f | %.2f |".formatted(round, perSecond(plain, ROUND),
                    perSecond(withOutbox, ROUND), (double) withOutbox / plain));
        }
        awaitDrained();

        long latencyFrom = maxEffectSeq();
        List<UUID> steadyOrders = orderIds.subList(0, 100);
        Flux.interval(Duration.ofMillis(1_000 / STEADY_RATE))
                .take(STEADY_RATE * STEADY.toSeconds())
                .onBackpressureBuffer()
                .flatMap(n -> orders.changeStatus(steadyOrders.get((int) (n % steadyOrders.size())), "L" + n), 32)
                .blockLast();
        awaitDrained();
        Latency latency = latencySince(latencyFrom);

        relay.stop();
        long backlogFrom = maxEffectSeq();
        Flux.range(0, BACKLOG)
                .flatMap(n -> orders.changeStatus(orderIds.get(n % orderIds.size()), "B" + n), WRITERS)
                .blockLast();
        long started = System.nanoTime();
        relay = relay();
        relay.start();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> unpublished() == 0);
        double publishSeconds = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> effectsSince(backlogFrom) >= BACKLOG);
        double consumeSeconds = (System.nanoTime() - started) / 1e9;
        relay.stop();

        String report = """
                ## Transactional outbox (platform-events) — %s

                Machine: %s, %d cores, JDK %s. Real PostgreSQL 18 (embedded) and Kafka 4.1.2 (in-process KRaft) on
                127.0.0.1, all in one JVM with the service. Command:
                `./mvnw -pl platform-libs/platform-events verify -Pbenchmark`.

                ### Write throughput: the same state change without and with the outbox
                %d concurrent writers, closed loop, %d alternating rounds of %d s. With the outbox, the relay and the
                consumer run at the same time on the same two cores.

                | round | without outbox (writes/s) | with outbox (writes/s) | ratio |
                |---|---|---|---|
                %s
                | **all** | **%.0f** | **%.0f** | **%.2f** |

                ### Commit-to-consume latency
                %d events/s for %d s (%d events), from the event's time (just before commit) to the consumer's
                handler: p50 **%.1f ms**, p99 **%.1f ms**, max %.1f ms.

                ### Events through the outbox
                A backlog of %d events published by one relay in %.2f s: **%.0f events/s**; applied by the consumer
                (inbox + effect, one transaction per event) after %.2f s: **%.0f events/s** end to end.
                """.formatted(LocalDate.now(), machine(), Runtime.getRuntime().availableProcessors(),
                Runtime.version(), WRITERS, ROUNDS, ROUND.toSeconds(), String.join("\n", rounds),
                perSecond(plainOps, ROUND.multipliedBy(ROUNDS)), perSecond(outboxOps, ROUND.multipliedBy(ROUNDS)),
                (double) outboxOps / plainOps, STEADY_RATE, STEADY.toSeconds(), latency.count(), latency.p50(),
                latency.p99(), latency.max(), BACKLOG, publishSeconds, BACKLOG / publishSeconds, consumeSeconds,
                BACKLOG / consumeSeconds);
        Path out = Path.of("target", "benchmarks", "outbox.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private OutboxRelay relay() {
        return new OutboxRelay(DatabaseClient.create(connections), connections, transactionManager,
                producer.template(), properties.outbox(), outboxMetrics);
    }

    /** Closed loop: each writer starts its next write when the previous one committed. Returns writes done. */
    private long writeFor(Duration duration, List<UUID> orderIds, BiFunction<UUID, Long, Mono<Void>> write) {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        Flux.range(0, WRITERS)
                .flatMap(writer -> Flux.<Long>generate(sink -> sink.next(done.get()))
                        .takeWhile(n -> System.nanoTime() < deadline)
                        .concatMap(n -> write.apply(orderIds.get((int) ((writer * 7919 + n) % orderIds.size())), n)
                                .doOnSuccess(ignored -> done.incrementAndGet()), 1)
                        .then(), WRITERS)
                .blockLast();
        return done.get();
    }

    private void awaitDrained() {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> unpublished() == 0 && pendingConsumption() == 0);
    }

    private long unpublished() {
        return db.sql("SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL")
                .map(row -> row.get("n", Long.class)).one().block();
    }

    /** Published events the consumer has not applied yet. */
    private long pendingConsumption() {
        return db.sql("""
                        SELECT count(*) AS n FROM outbox_event o
                         WHERE NOT EXISTS (SELECT 1 FROM inbox_event i WHERE i.event_id = o.event_id)
                        """)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private long maxEffectSeq() {
        return db.sql("SELECT coalesce(max(seq), 0) AS s FROM effect").map(row -> row.get("s", Long.class))
                .one().block();
    }

    private long effectsSince(long seq) {
        return db.sql("SELECT count(*) AS n FROM effect WHERE seq > :seq").bind("seq", seq)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private Latency latencySince(long seq) {
        return db.sql("""
                        SELECT count(*) AS n,
                               (percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_micros) / 1000.0)::float8 AS p50,
                               (percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_micros) / 1000.0)::float8 AS p99,
                               (max(latency_micros) / 1000.0)::float8 AS max
                          FROM effect WHERE seq > :seq
                        """)
                .bind("seq", seq)
                .map(row -> new Latency(row.get("n", Long.class), row.get("p50", Double.class),
                        row.get("p99", Double.class), row.get("max", Double.class)))
                .one().block();
    }

    private static double perSecond(long count, Duration duration) {
        return count / (duration.toMillis() / 1000.0);
    }

    private static String machine() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    record Latency(long count, double p50, double p99, double max) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", p50, p99);
        }
    }
}
