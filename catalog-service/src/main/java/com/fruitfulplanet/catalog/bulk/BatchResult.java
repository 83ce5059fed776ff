package com.fruitfulplanet.catalog.bulk;

import java.util.List;

/**
 * What a batch changed, per section: rows created, rows updated (soft deletes and a product's first default price
 * included) and rows that already were as the batch says (not written, no events). {@code clampedStock} lists the
 * stock rows whose quantity was below what is reserved for orders: on hand was set to the reserved quantity instead.
 */
public record BatchResult(Counts sectors, Counts brands, Counts priceTypes, Counts warehouses, Counts products,
                          Counts prices, Counts stock, List<ClampedStock> clampedStock) {

    public BatchResult {
        clampedStock = List.copyOf(clampedStock);
    }

    public record Counts(int created, int updated, int unchanged) {

        static final Counts NONE = new Counts(0, 0, 0);

        static Counts of(int rows, int created, int updated) {
            return new Counts(created, updated, rows - created - updated);
        }
    }

    /** A stock row set to {@code onHand} (what orders hold) rather than the {@code requested} quantity. */
    public record ClampedStock(String productExternalId, String warehouseExternalId, int requested, int onHand) {
    }
}
