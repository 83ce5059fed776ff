package com.fruitfulplanet.contracts.events.catalog;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Published by catalog-service when a product's price changes; keyed by product id. */
public record PriceChanged(UUID productId, Money oldPrice, Money newPrice, Instant changedAt) implements DomainEvent {

    public PriceChanged {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(oldPrice, "oldPrice");
        Objects.requireNonNull(newPrice, "newPrice");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    @Override
    public String key() {
        return productId.toString();
    }
}
