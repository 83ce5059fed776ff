package com.fruitfulplanet.catalog.product;

import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A product as the API shows it (API.md "Catalog"). {@code price} is the default price type's (what shoppers pay);
 * {@code prices} holds the other price types 1C sends (e.g. wholesale), by price type code.
 * {@code availableQuantity} is on hand minus reserved, summed over warehouses.
 */
public record ProductView(UUID id, String sku, String name, String description, UUID brandId, UUID sectorId,
                          Money price, Map<String, Money> prices, int availableQuantity, List<String> images,
                          Map<String, Object> attributes, ProductStatus status, String externalId, long version,
                          Instant createdAt, Instant updatedAt) {

    public ProductView {
        prices = Map.copyOf(prices);
        images = List.copyOf(images);
        attributes = Map.copyOf(attributes);
    }
}
