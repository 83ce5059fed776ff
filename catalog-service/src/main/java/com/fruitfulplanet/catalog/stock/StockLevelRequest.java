package com.fruitfulplanet.catalog.stock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.UUID;

/**
 * {@code PUT /api/v1/products/{id}/stock}: the counted on-hand quantity of a warehouse (the default one when
 * {@code warehouseId} is omitted). A long, so an absurd number is a field error rather than unreadable JSON.
 */
record StockLevelRequest(@NotNull @PositiveOrZero @Max(MAX_QUANTITY) Long quantity, UUID warehouseId) {

    static final long MAX_QUANTITY = 1_000_000_000L;
}
