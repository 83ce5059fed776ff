package com.fruitfulplanet.contracts.events.catalog;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A saga command from order-service to catalog-service: hold these quantities for the order, all lines or none.
 * Answered by {@link StockReserved} or {@link StockRejected}; repeating it for the same order has no second effect.
 * Keyed by order id. {@code holdFor} is how long the hold lasts unless committed (null: catalog's default).
 */
public record ReserveStock(UUID orderId, List<Line> lines, Duration holdFor) implements DomainEvent {

    public ReserveStock {
        Objects.requireNonNull(orderId, "orderId");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }

    @Override
    public String key() {
        return orderId.toString();
    }

    /** A quantity of one product the order wants. */
    public record Line(UUID productId, int quantity) {

        public Line {
            Objects.requireNonNull(productId, "productId");
        }
    }
}
