package com.fruitfulplanet.contracts.events.catalog;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Published by catalog-service when a product is created or any of its fields changes (the full current state, so a
 * consumer keeps the latest); keyed by product id. {@code brandId} is null for a product without a brand.
 */
public record ProductUpserted(UUID productId, String sku, String name, UUID sectorId, UUID brandId, Money price,
                              boolean active, Instant updatedAt) implements DomainEvent {

    public ProductUpserted {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sectorId, "sectorId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public String key() {
        return productId.toString();
    }
}
