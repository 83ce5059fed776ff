package com.fruitfulplanet.order.cart;

import java.util.UUID;

/** One line of a cart: what the customer means to buy, without a price (prices are the catalog's, when asked). */
public record CartLine(UUID productId, int quantity) {
}
