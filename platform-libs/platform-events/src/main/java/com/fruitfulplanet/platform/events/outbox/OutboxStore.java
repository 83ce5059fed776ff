package com.fruitfulplanet.platform.events.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fruitfulplanet.contracts.events.EventMetadata;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox's SQL, in one place. Every statement runs in the schema of the service's database role. */
final class OutboxStore {

    static final int ROWS_PER_STATEMENT = 5000;

    private final DatabaseClient db;

    OutboxStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(String topic, String key, EventMetadata metadata, byte[] payload) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO outbox_event
                            (event_id, topic, event_key, event_type, source, subject, occurred_at, traceparent, payload)
                        VALUES (:eventId, :topic, :key, :type, :source, :subject, :occurredAt, :traceparent, :payload)
                        """)
                .bind("eventId", metadata.id())
                .bind("topic", topic)
                .bind("key", key)
                .bind("type", metadata.type())
                .bind("source", metadata.source().toString())
                .bind("subject", metadata.subject())
                .bind("occurredAt", metadata.time())
                .bind("payload", payload);
        insert = metadata.traceparent() == null ? insert.bindNull("traceparent", String.class)
                : insert.bind("traceparent", metadata.traceparent());
        return insert.then();
    }

    /** One row of a multi-row insert. */
    record NewRow(String topic, String key, EventMetadata metadata, byte[] payload) {
    }

    /**
     * Inserts the rows in order with one statement per {@code ROWS_PER_STATEMENT} rows: every column is one array
     * parameter and {@code unnest ... WITH ORDINALITY} keeps the order (so the ids, and hence the publishing order,
     * follow the list). Thousands of events cost a round trip or two instead of one each.
     */
    Mono<Void> insertAll(List<NewRow> rows) {
        return Flux.fromIterable(rows).buffer(ROWS_PER_STATEMENT).concatMap(this::insertChunk).then();
    }

    private Mono<Void> insertChunk(List<NewRow> rows) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] subjects = new String[n];
        String[] times = new String[n];
        String[] traceparents = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            NewRow row = rows.get(i);
            EventMetadata metadata = row.metadata();
            ids[i] = metadata.id();
            topics[i] = row.topic();
            keys[i] = row.key();
            types[i] = metadata.type();
            sources[i] = metadata.source().toString();
            subjects[i] = metadata.subject();
            times[i] = metadata.time().toString();
            traceparents[i] = metadata.traceparent();
            // The payload is JSON, i.e. UTF-8 text: it travels as text and is stored as exactly these bytes.
            payloads[i] = new String(row.payload(), StandardCharsets.UTF_8);
        }
        return db.sql("""
                        INSERT INTO outbox_event
                            (event_id, topic, event_key, event_type, source, subject, occurred_at, traceparent, payload)
                        SELECT e.event_id, e.topic, e.event_key, e.event_type, e.source, e.subject,
                               e.occurred_at::timestamptz, e.traceparent, convert_to(e.payload, 'UTF8')
                        FROM unnest(:ids::uuid[], :topics::text[], :keys::text[], :types::text[], :sources::text[],
                                    :subjects::text[], :times::text[], :traceparents::text[], :payloads::text[])
                             WITH ORDINALITY AS e(event_id, topic, event_key, event_type, source, subject, occurred_at,
                                                  traceparent, payload, position)
                        ORDER BY e.position""")
                .bind("ids", ids).bind("topics", topics).bind("keys", keys).bind("types", types)
                .bind("sources", sources).bind("subjects", subjects).bind("times", times)
                .bind("traceparents", traceparents).bind("payloads", payloads)
                .then();
    }

    /**
     * The relay's transaction need not wait for its commit to reach the disk: if a crash loses the commit, its rows
     * are simply published again, and consumers' inboxes drop the copies. That wait would otherwise be paid on
     * every pass, in the latency of every event.
     */
    Mono<Void> relaxDurabilityOfThisTransaction() {
        return db.sql("SET LOCAL synchronous_commit = off").then();
    }

    /** Locks every lane no other relay holds, until the surrounding transaction ends. */
    Mono<List<Short>> lockFreeLanes() {
        return db.sql("SELECT lane FROM outbox_lane ORDER BY lane FOR UPDATE SKIP LOCKED")
                .map(row -> row.get("lane", Short.class))
                .all()
                .collectList();
    }

    /** Unpublished events of the given lanes, oldest first. */
    Flux<PendingEvent> pending(List<Short> lanes, int limit) {
        return db.sql("""
                        SELECT id, event_id, topic, event_key, event_type, source, subject, occurred_at, traceparent,
                               payload
                          FROM outbox_event
                         WHERE published_at IS NULL AND lane = ANY(:lanes)
                         ORDER BY id
                         LIMIT :limit
                        """)
                .bind("lanes", lanes.toArray(Short[]::new))
                .bind("limit", limit)
                .map(OutboxStore::pendingEvent)
                .all();
    }

    Mono<Long> markPublished(List<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("UPDATE outbox_event SET published_at = clock_timestamp() WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .fetch()
                .rowsUpdated();
    }

    /** Deletes up to {@code limit} published rows older than the retention; returns how many. */
    Mono<Long> deletePublishedOlderThan(Duration retention, int limit) {
        return db.sql("""
                        DELETE FROM outbox_event
                         WHERE id IN (SELECT id FROM outbox_event
                                       WHERE published_at < clock_timestamp() - make_interval(secs => :seconds)
                                       LIMIT :limit)
                        """)
                .bind("seconds", (double) retention.toSeconds())
                .bind("limit", limit)
                .fetch()
                .rowsUpdated();
    }

    /** How many rows wait, and how long the oldest has waited (zero when none). */
    Mono<Backlog> backlog() {
        return db.sql("""
                        SELECT count(*) AS pending,
                               coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0)::float8
                                   AS oldest_seconds
                          FROM outbox_event
                         WHERE published_at IS NULL
                        """)
                .map(row -> new Backlog(row.get("pending", Long.class),
                        Duration.ofNanos((long) (row.get("oldest_seconds", Double.class) * 1e9))))
                .one();
    }

    /** Whether this schema has an outbox at all (a consumer-only service has none). */
    Mono<Boolean> exists() {
        return db.sql("SELECT to_regclass('outbox_event') IS NOT NULL AS present")
                .map(row -> row.get("present", Boolean.class))
                .one();
    }

    Mono<String> schema() {
        return db.sql("SELECT current_schema() AS schema").map(row -> row.get("schema", String.class)).one();
    }

    private static PendingEvent pendingEvent(Readable row) {
        EventMetadata metadata = new EventMetadata(
                row.get("event_id", UUID.class),
                row.get("event_type", String.class),
                URI.create(row.get("source", String.class)),
                row.get("occurred_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                row.get("subject", String.class),
                row.get("traceparent", String.class));
        return new PendingEvent(row.get("id", Long.class), row.get("topic", String.class),
                row.get("event_key", String.class), metadata, row.get("payload", byte[].class));
    }

    record Backlog(long pending, Duration oldest) {
    }
}
