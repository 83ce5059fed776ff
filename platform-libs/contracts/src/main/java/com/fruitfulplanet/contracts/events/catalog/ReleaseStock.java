package com.fruitfulplanet.contracts.events.catalog;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.util.Objects;
import java.util.UUID;

/**
 * A saga command from order-service to catalog-service: give the order's stock back (a held reservation is
 * released; a committed one returns to the shelf). Answered by {@link StockReleased}. Idempotent per order, and a
 * release that arrives before its reservation makes that later reservation a no-op. Keyed by order id.
 */
public record ReleaseStock(UUID orderId, StockReleased.ReleaseReason reason) implements DomainEvent {

    public ReleaseStock {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
