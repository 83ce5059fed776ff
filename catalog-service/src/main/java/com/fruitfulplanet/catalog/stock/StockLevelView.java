package com.fruitfulplanet.catalog.stock;

import java.util.UUID;

/**
 * A product's stock in one warehouse after a change; {@code availableQuantity} is on hand minus reserved summed
 * over all warehouses, as in the product.
 */
public record StockLevelView(UUID productId, UUID warehouseId, int onHand, int reserved, int availableQuantity) {
}
