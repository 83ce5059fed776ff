package com.fruitfulplanet.platform.events.inbox;

import java.time.Duration;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The inbox's SQL. */
final class InboxStore {

    private final DatabaseClient db;

    InboxStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Records that the consumer is processing the event, in the caller's transaction. False when it already did:
     * the row exists (a concurrent attempt waits here on the other's uncommitted row, then sees it).
     */
    Mono<Boolean> claim(String consumer, UUID eventId, String eventType) {
        return db.sql("""
                        INSERT INTO inbox_event (consumer, event_id, event_type)
                        VALUES (:consumer, :eventId, :eventType)
                        ON CONFLICT (consumer, event_id) DO NOTHING
                        """)
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .bind("eventType", eventType)
                .fetch()
                .rowsUpdated()
                .map(inserted -> inserted == 1L);
    }

    Mono<Long> deleteOlderThan(Duration retention, int limit) {
        return db.sql("""
                        DELETE FROM inbox_event
                         WHERE ctid IN (SELECT ctid FROM inbox_event
                                         WHERE received_at < clock_timestamp() - make_interval(secs => :seconds)
                                         LIMIT :limit)
                        """)
                .bind("seconds", (double) retention.toSeconds())
                .bind("limit", limit)
                .fetch()
                .rowsUpdated();
    }
}
