package com.fruitfulplanet.contracts.events.catalog;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by catalog-service when a reservation is given back to stock (a saga compensation, or expiry); keyed by
 * order id so the saga's events stay in order.
 */
public record StockReleased(UUID reservationId, UUID orderId, ReleaseReason reason, Instant releasedAt)
        implements DomainEvent {

    public StockReleased {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(releasedAt, "releasedAt");
    }

    @Override
    public String key() {
        return orderId.toString();
    }

    /** Why the reservation was released; {@link #UNKNOWN} stands for a reason added after this consumer was built. */
    public enum ReleaseReason {
        ORDER_CANCELLED,
        PAYMENT_FAILED,
        EXPIRED,
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
