package com.fruitfulplanet.auth.audit;

import com.fruitfulplanet.platform.web.RequestIds;
import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log of administrative actions. Entries are written in the same transaction as the change they describe,
 * so there is no change without its entry and no entry for a change that was rolled back.
 */
@Component
public class AuditLog {

    private final DatabaseClient db;
    private final JsonMapper json;

    public AuditLog(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> record(UUID actorId, String action, Object targetId, Map<String, ?> details) {
        return Mono.deferContextual(context -> {
            DatabaseClient.GenericExecuteSpec spec = db.sql("""
                            INSERT INTO audit_entry (actor_id, action, target_id, details, request_id)
                            VALUES (:actor, :action, :target, :details, :requestId)""")
                    .bind("action", action)
                    .bind("details", Json.of(json.writeValueAsString(details)));
            spec = actorId == null ? spec.bindNull("actor", UUID.class) : spec.bind("actor", actorId);
            spec = targetId == null ? spec.bindNull("target", String.class) : spec.bind("target", targetId.toString());
            String requestId = RequestIds.from(context).orElse(null);
            spec = requestId == null ? spec.bindNull("requestId", String.class) : spec.bind("requestId", requestId);
            return spec.then();
        });
    }

    /** Newest first, before the cursor position if given. */
    public Flux<AuditEntry> page(Long beforeId, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT id, at, actor_id, action, target_id, details, request_id "
                + "FROM audit_entry" + (beforeId != null ? " WHERE id < :before" : "") + " ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit);
        if (beforeId != null) {
            spec = spec.bind("before", beforeId);
        }
        return spec.map(row -> new AuditEntry(row.get("id", Long.class),
                row.get("at", OffsetDateTime.class).toInstant(), row.get("actor_id", UUID.class),
                row.get("action", String.class), row.get("target_id", String.class),
                json.readTree(row.get("details", Json.class).asString()), row.get("request_id", String.class))).all();
    }

    public record AuditEntry(long id, Instant at, UUID actorId, String action, String targetId,
            tools.jackson.databind.JsonNode details, String requestId) {
    }
}
