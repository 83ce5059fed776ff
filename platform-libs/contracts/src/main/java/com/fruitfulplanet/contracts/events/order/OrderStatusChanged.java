package com.fruitfulplanet.contracts.events.order;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by order-service on every change of an order's status (what the customer watches live); keyed by order
 * id. Statuses are strings, not an enum, because the order status list grows (e.g. statuses reported by 1C) and a
 * consumer shows a status it does not know rather than failing on it.
 */
public record OrderStatusChanged(UUID orderId, UUID customerId, String previousStatus, String status,
                                 Instant changedAt) implements DomainEvent {

    public OrderStatusChanged {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(previousStatus, "previousStatus");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    @Override
    public String key() {
        return orderId.toString();
    }
}
