package com.fruitfulplanet.contracts.events.order;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by order-service when a customer places an order (it is PENDING; the saga starts); keyed by order id.
 * Prices and the total are the server's, computed when the order was placed.
 */
public record OrderPlaced(UUID orderId, UUID customerId, List<OrderedLine> lines, Money total, Instant placedAt)
        implements DomainEvent {

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(placedAt, "placedAt");
    }

    @Override
    public String key() {
        return orderId.toString();
    }

    /** One product of the order, at the unit price it was sold for. */
    public record OrderedLine(UUID productId, String sku, int quantity, Money unitPrice) {

        public OrderedLine {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(unitPrice, "unitPrice");
        }
    }
}
