package com.fruitfulplanet.order.orders;

import java.util.Set;

/**
 * An order's status as customers see it (API.md fixes the names) and the only moves between them:
 * <pre>
 * PENDING ──► CONFIRMED ──► SHIPPED ──► DELIVERED
 *    │            │                        │
 *    └──► CANCELLED ◄┘                     │
 *             │                            │
 *             └──────► REFUNDED ◄──────────┘   (when the payment has been refunded in full)
 * </pre>
 * Which step of the saga a PENDING order is in is {@link SagaStep}, not a status: customers wait either way.
 */
public enum OrderStatus {
    PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED, REFUNDED;

    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> Set.of(CONFIRMED, CANCELLED);
            case CONFIRMED -> Set.of(SHIPPED, CANCELLED, REFUNDED);
            case SHIPPED -> Set.of(DELIVERED, REFUNDED);
            case DELIVERED, CANCELLED -> Set.of(REFUNDED);
            case REFUNDED -> Set.of();
        };
    }

    public boolean canBecome(OrderStatus status) {
        return next().contains(status);
    }

    /** The owner may cancel until the order is shipped (API.md); staff likewise: later it is a return and refund. */
    public boolean cancellable() {
        return this == PENDING || this == CONFIRMED;
    }
}
