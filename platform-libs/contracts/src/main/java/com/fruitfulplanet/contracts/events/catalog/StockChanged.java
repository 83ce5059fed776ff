package com.fruitfulplanet.contracts.events.catalog;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Published by catalog-service when a product's available quantity in a warehouse changes; keyed by product id. */
public record StockChanged(UUID productId, UUID warehouseId, int available, Instant changedAt) implements DomainEvent {

    public StockChanged {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(warehouseId, "warehouseId");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    @Override
    public String key() {
        return productId.toString();
    }
}
