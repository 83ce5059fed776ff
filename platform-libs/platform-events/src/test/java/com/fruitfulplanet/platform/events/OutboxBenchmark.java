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

import com.fruitfulplanet.platform.events.inbox.EventConsumers;
import com.fruitfulplanet.platform.events.outbox.OutboxRelay;
import com.fruitfulplanet.platform.events.testapp.TestOrders;
import com.fruitfulplanet.platform.events.testapp.TestRelays;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox's cost and speed on this machine, in one run on real PostgreSQL and Kafka. Not part of the build:
 * run it with {@code ./mvnw -pl platform-libs/platform-events verify -Pbenchmark} (after an install of the
 * libraries) and read {@code target/benchmarks/outbox.md}. It measures, it does not assert.
 *
 * <ol>
 *   <li>Write throughput: the same state change with and without the outbox append, as HTTP requests and as
 *       bare transactions, closed loop with {@value #WRITERS} concurrent clients, in alternating rounds so that
 *       machine noise hits both alike. The relay runs during the outbox rounds (its cost is part of the price);
 *       the consumer, another service in production, is paused so that it does not take the writers' cores.</li>
 *   <li>Commit-to-consume latency at steady {@value #LIGHT_RATE} and {@value #STEADY_RATE} events/s: from the
 *       event's time (taken just before its transaction commits) to the consumer's handler, p50/p99/max.</li>
 *   <li>Events/s through the outbox: a backlog of events published by one relay, and the
 *       consumer applying them.</li>
 * </ol>
 */
@PlatformIntegrationTest
class OutboxBenchmark {

    private static final int WRITERS = 16;
    private static final int LIGHT_RATE = 50;
    private static final int STEADY_RATE = 200;
    // Shorter runs for trying a change: -Dbenchmark.rounds=1 -Dbenchmark.round-seconds=5 ...
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final Duration ROUND = Duration.ofSeconds(Integer.getInteger("benchmark.round-seconds", 10));
    private static final Duration STEADY = Duration.ofSeconds(Integer.getInteger("benchmark.steady-seconds", 20));
    private static final int BACKLOG = Integer.getInteger("benchmark.backlog", 20_000);

    @Autowired
    private TestOrders orders;
    @Autowired
    private DatabaseClient db;
    @Autowired
    private TestRelays relays;
    @Autowired
    private EventConsumers consumers;
    @LocalServerPort
    private int port;

    @Test
    void measure() throws IOException {
        List<UUID> orderIds = IntStream.range(0, 1_000).mapToObj(i -> UUID.randomUUID()).toList();
        OutboxRelay relay = relays.start();

        // Warm-up: JIT, connection pool, producer and consumer connections.
        writeFor(Duration.ofSeconds(5), orderIds, (id, n) -> orders.changeStatusWithoutEvent(id, "W" + n));
        writeFor(Duration.ofSeconds(5), orderIds, (id, n) -> orders.changeStatus(id, "W" + n).then());

        awaitDrained();
        // Latency first, while the consumer has run undisturbed since start-up.
        List<UUID> steadyOrders = orderIds.subList(0, 100);
        Latency light = latencyAt(LIGHT_RATE, steadyOrders);
        Latency steady = latencyAt(STEADY_RATE, steadyOrders);

        WebClient http = WebClient.create("http://127.0.0.1:" + port);
        writeFor(Duration.ofSeconds(5), orderIds, (id, n) -> put(http, id, "", "W" + n));
        writeFor(Duration.ofSeconds(5), orderIds, (id, n) -> put(http, id, "-without-event", "W" + n));

        // The consumer is another service on other machines in production; here it would take the writers' cores.
        consumers.stop();
        long[] requests = new long[2];
        long[] transactions = new long[2];
        List<String> requestRounds = new ArrayList<>();
        List<String> transactionRounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            long plain = writeFor(ROUND, orderIds, (id, n) -> put(http, id, "-without-event", "P" + n));
            long withOutbox = writeFor(ROUND, orderIds, (id, n) -> put(http, id, "", "O" + n));
            requests[0] += plain;
            requests[1] += withOutbox;
            requestRounds.add(row(round, plain, withOutbox));
            plain = writeFor(ROUND, orderIds, (id, n) -> orders.changeStatusWithoutEvent(id, "P" + n));
            withOutbox = writeFor(ROUND, orderIds, (id, n) -> orders.changeStatus(id, "O" + n).then());
            transactions[0] += plain;
            transactions[1] += withOutbox;
            transactionRounds.add(row(round, plain, withOutbox));
        }
        consumers.start();
        awaitDrained();


        relays.stop(relay);
        long backlogFrom = maxEffectSeq();
        Flux.range(0, BACKLOG)
                .flatMap(n -> orders.changeStatus(orderIds.get(n % orderIds.size()), "B" + n), WRITERS)
                .blockLast();
        long started = System.nanoTime();
        relay = relays.start();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> unpublished() == 0);
        double publishSeconds = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> effectsSince(backlogFrom) >= BACKLOG);
        double consumeSeconds = (System.nanoTime() - started) / 1e9;
        relays.stop(relay);

        String report = """
                ## Transactional outbox (platform-events) — %s

                Machine: %s, %d cores, JDK %s. Real PostgreSQL 18 (embedded) and Kafka 4.1.2 (in-process KRaft) on
                127.0.0.1, all in one JVM with the service. Command:
                `./mvnw -pl platform-libs/platform-events verify -Pbenchmark`.

                ### Write throughput: the same state change without and with the outbox
                %d concurrent clients, closed loop, %d alternating rounds of %d s per kind. With the outbox, the relay
                publishes at the same time on the same two cores, to Kafka in the same JVM; the consumer (another
                service in production) is paused during these rounds and catches up afterwards.

                HTTP requests (`PUT /test/orders/{id}/status`: WebFlux, security filters, JSON, one transaction),
                sent from the same JVM:

                | round | without outbox (requests/s) | with outbox (requests/s) | ratio |
                |---|---|---|---|
                %s
                | **all** | **%.0f** | **%.0f** | **%.2f** |

                The transaction alone (no HTTP), the strictest view of the outbox's cost: the write is one single-row
                upsert, and the outbox adds a second statement (an insert with two indexes and a trigger) to it:

                | round | without outbox (transactions/s) | with outbox (transactions/s) | ratio |
                |---|---|---|---|
                %s
                | **all** | **%.0f** | **%.0f** | **%.2f** |

                ### Commit-to-consume latency
                From the event's time (taken just before its transaction commits) to the consumer's handler, with
                writer, relay, Kafka, consumer and PostgreSQL sharing the two cores; %d s per rate:

                | events/s | events | p50 | p99 | max |
                |---|---|---|---|---|
                | %d | %d | **%.1f ms** | **%.1f ms** | %.1f ms |
                | %d | %d | **%.1f ms** | **%.1f ms** | %.1f ms |

                ### Events through the outbox
                A backlog of %d events published by one relay in %.2f s: **%.0f events/s**; applied by the consumer
                (inbox + effect, one transaction per event) after %.2f s: **%.0f events/s** end to end.
                """.formatted(LocalDate.now(), machine(), Runtime.getRuntime().availableProcessors(),
                Runtime.version(), WRITERS, ROUNDS, ROUND.toSeconds(), String.join("\n", requestRounds),
                perSecond(requests[0], ROUND.multipliedBy(ROUNDS)), perSecond(requests[1], ROUND.multipliedBy(ROUNDS)),
                (double) requests[1] / requests[0], String.join("\n", transactionRounds),
                perSecond(transactions[0], ROUND.multipliedBy(ROUNDS)),
                perSecond(transactions[1], ROUND.multipliedBy(ROUNDS)), (double) transactions[1] / transactions[0],
                STEADY.toSeconds(), LIGHT_RATE, light.count(), light.p50(), light.p99(), light.max(), STEADY_RATE,
                steady.count(), steady.p50(), steady.p99(), steady.max(), BACKLOG, publishSeconds, BACKLOG / publishSeconds, consumeSeconds,
                BACKLOG / consumeSeconds);
        Path out = Path.of("target", "benchmarks", "outbox.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** Writes at a steady rate for {@link #STEADY}, waits until all are applied, returns their latencies. */
    private Latency latencyAt(int rate, List<UUID> steadyOrders) {
        long from = maxEffectSeq();
        Flux.interval(Duration.ofNanos(1_000_000_000L / rate))
                .take(rate * STEADY.toSeconds())
                .onBackpressureBuffer()
                .flatMap(n -> orders.changeStatus(steadyOrders.get((int) (n % steadyOrders.size())), "L" + n), 32)
                .blockLast();
        awaitDrained();
        return latencySince(from);
    }

    private static Mono<Void> put(WebClient http, UUID order, String variant, String status) {
        return http.put().uri("/test/orders/{id}/status" + variant, order)
                .bodyValue(status)
                .retrieve()
                .toBodilessEntity()
                .then();
    }

    private static String row(int round, long plain, long withOutbox) {
        return "| %d | %.0f | %.0f | %.2f |".formatted(round, perSecond(plain, ROUND), perSecond(withOutbox, ROUND),
                (double) withOutbox / plain);
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
