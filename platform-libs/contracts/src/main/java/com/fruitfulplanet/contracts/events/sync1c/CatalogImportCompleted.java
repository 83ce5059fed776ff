package com.fruitfulplanet.contracts.events.sync1c;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Published by sync-1c-service when a 1C catalog import session has been applied, with counts; keyed by session id. */
public record CatalogImportCompleted(UUID sessionId, int productsUpserted, int offersUpdated, int rejected,
                                     Instant completedAt) implements DomainEvent {

    public CatalogImportCompleted {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    @Override
    public String key() {
        return sessionId.toString();
    }
}
