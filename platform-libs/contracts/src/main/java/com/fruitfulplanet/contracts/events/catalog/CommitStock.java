package com.fruitfulplanet.contracts.events.catalog;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.util.Objects;
import java.util.UUID;

/**
 * A saga command from order-service to catalog-service: the order is paid, so its held stock leaves the shelf
 * (on hand and reserved both go down). Idempotent per order; keyed by order id.
 */
public record CommitStock(UUID orderId) implements DomainEvent {

    public CommitStock {
        Objects.requireNonNull(orderId, "orderId");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
