package com.fruitfulplanet.contracts.events.sync1c;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Published by sync-1c-service when 1C confirms it received a batch of exported orders; keyed by session id. */
public record OrdersExported(UUID sessionId, List<UUID> orderIds, Instant exportedAt) implements DomainEvent {

    public OrdersExported {
        Objects.requireNonNull(sessionId, "sessionId");
        orderIds = List.copyOf(Objects.requireNonNull(orderIds, "orderIds"));
        Objects.requireNonNull(exportedAt, "exportedAt");
    }

    @Override
    public String key() {
        return sessionId.toString();
    }
}
