package com.fruitfulplanet.contracts.events.catalog;

import com.fruitfulplanet.contracts.events.DomainEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by catalog-service when a product is (soft) deleted: it is no longer sold, though orders and 1C still
 * refer to it; keyed by product id.
 */
public record ProductDeleted(UUID productId, String sku, Instant deletedAt) implements DomainEvent {

    public ProductDeleted {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    @Override
    public String key() {
        return productId.toString();
    }
}
