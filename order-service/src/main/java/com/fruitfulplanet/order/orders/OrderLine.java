package com.fruitfulplanet.order.orders;

import com.fruitfulplanet.contracts.money.Money;
import java.util.UUID;

/** One product of an order at the price it was sold for (the catalog's price when the order was placed). */
public record OrderLine(UUID productId, String sku, String name, int quantity, Money unitPrice) {

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
