package com.fruitfulplanet.contracts.events.catalog;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by catalog-service when all the lines of an order are reserved (a saga step); keyed by order id so the
 * saga's events stay in order. The reservation lapses by itself at {@code expiresAt} unless committed.
 */
public record StockReserved(UUID reservationId, UUID orderId, List<ReservedLine> lines, Instant expiresAt)
        implements DomainEvent {

    public StockReserved {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(orderId, "orderId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String key() {
        return orderId.toString();
    }

    /**
     * A quantity of one product held for the order, at the catalog's unit price when it was reserved (the
     * authoritative price the order is charged; null only in events written before the field was added).
     */
    public record ReservedLine(UUID productId, int quantity, Money unitPrice) {

        public ReservedLine {
            Objects.requireNonNull(productId, "productId");
        }
    }
}
