package com.fruitfulplanet.order.catalog;

import com.fruitfulplanet.contracts.money.Money;
import java.util.UUID;

/** A product as order-service's read model knows it: enough to put it in a cart and price an order line. */
public record CatalogProduct(UUID id, String sku, String name, Money price, boolean active) {
}
