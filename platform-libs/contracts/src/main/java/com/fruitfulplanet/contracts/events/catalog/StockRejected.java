package com.fruitfulplanet.contracts.events.catalog;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by catalog-service when an order cannot be reserved because some products are short (a saga step,
 * nothing is held); keyed by order id so the saga's events stay in order.
 */
public record StockRejected(UUID orderId, List<Shortage> shortages) implements DomainEvent {

    public StockRejected {
        Objects.requireNonNull(orderId, "orderId");
        shortages = List.copyOf(Objects.requireNonNull(shortages, "shortages"));
    }

    @Override
    public String key() {
        return orderId.toString();
    }

    /** A product the order asked more of than is available. */
    public record Shortage(UUID productId, int requested, int available) {

        public Shortage {
            Objects.requireNonNull(productId, "productId");
        }
    }
}
