package com.fruitfulplanet.catalog.stock;

import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for {@code stock_level}. Every change is one atomic conditional statement (the row lock and the check are the
 * same statement), never read-modify-write. Callers that change several rows in one transaction change them in
 * the <em>lock order</em>: by product id, then the default warehouse first, then by warehouse id (all compared by
 * PostgreSQL, so Java's signed UUID order never matters), so two transactions cannot deadlock on stock rows.
 * Each change returns what is available in that row afterwards, for {@code StockChanged}.
 */
@Repository
class StockLevelRows {

    /** The lock order of stock rows; {@code s} is stock_level (or a line), {@code w} its warehouse. */
    static final String LOCK_ORDER = "s.product_id, w.is_default DESC, s.warehouse_id";

    private final DatabaseClient db;

    StockLevelRows(DatabaseClient db) {
        this.db = db;
    }

    /** The live product and the warehouse (the given one, or the default one when null), each null if unknown. */
    Mono<Target> target(UUID productId, UUID warehouseId) {
        String warehouse = warehouseId == null
                ? "(SELECT w.id FROM warehouse w WHERE w.is_default)"
                : "(SELECT w.id FROM warehouse w WHERE w.id = :warehouse)";
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT (SELECT p.id FROM product p WHERE p.id = :product AND p.deleted_at IS NULL)
                                   AS product_id,
                               %s AS warehouse_id""".formatted(warehouse))
                .bind("product", productId);
        if (warehouseId != null) {
            spec = spec.bind("warehouse", warehouseId);
        }
        return spec.map(row -> new Target(row.get("product_id", UUID.class), row.get("warehouse_id", UUID.class)))
                .one();
    }

    /**
     * Sets on hand, unless that is below what is reserved there: then completes empty (the row stays locked until
     * the transaction ends, so {@link #reserved} then reads the value that refused it).
     */
    Mono<OnHandChange> setOnHand(UUID productId, UUID warehouseId, int quantity) {
        return db.sql("""
                        INSERT INTO stock_level AS s (product_id, warehouse_id, on_hand)
                        VALUES (:product, :warehouse, :quantity)
                        ON CONFLICT (product_id, warehouse_id) DO UPDATE
                           SET on_hand = excluded.on_hand, updated_at = now()
                         WHERE s.reserved <= excluded.on_hand
                        RETURNING coalesce(old.on_hand - old.reserved, 0) AS available_before,
                                  new.on_hand, new.reserved""")
                .bind("product", productId).bind("warehouse", warehouseId).bind("quantity", quantity)
                .map(row -> new OnHandChange(row.get("available_before", Integer.class),
                        row.get("on_hand", Integer.class), row.get("reserved", Integer.class)))
                .one();
    }

    Mono<Integer> reserved(UUID productId, UUID warehouseId) {
        return db.sql("SELECT reserved FROM stock_level WHERE product_id = :product AND warehouse_id = :warehouse")
                .bind("product", productId).bind("warehouse", warehouseId)
                .map(row -> row.get("reserved", Integer.class))
                .one();
    }

    /** On hand minus reserved, summed over warehouses, per product; products without stock rows are left out. */
    Flux<Availability> available(Collection<UUID> productIds) {
        return db.sql("""
                        SELECT product_id, sum(on_hand - reserved)::int AS available
                          FROM stock_level WHERE product_id = ANY(:products)
                         GROUP BY product_id""")
                .bind("products", productIds.toArray(UUID[]::new))
                .map(row -> new Availability(row.get("product_id", UUID.class), row.get("available", Integer.class)))
                .all();
    }

    /** The warehouses that stock each product, in lock order. */
    Flux<Place> placesInLockOrder(Collection<UUID> productIds) {
        return db.sql("""
                        SELECT s.product_id, s.warehouse_id
                          FROM stock_level s JOIN warehouse w ON w.id = s.warehouse_id
                         WHERE s.product_id = ANY(:products)
                         ORDER BY\s""" + LOCK_ORDER)
                .bind("products", productIds.toArray(UUID[]::new))
                .map(row -> new Place(row.get("product_id", UUID.class), row.get("warehouse_id", UUID.class)))
                .all();
    }

    /**
     * Reserves as much of {@code wanted} as is free in the row, atomically; empty when nothing is free. PostgreSQL
     * re-checks the condition on the latest row version after waiting for its lock, so concurrent reservations
     * never take more than on hand.
     */
    Mono<Take> reserveUpTo(UUID productId, UUID warehouseId, int wanted) {
        return db.sql("""
                        UPDATE stock_level
                           SET reserved = reserved + least(:wanted, on_hand - reserved), updated_at = now()
                         WHERE product_id = :product AND warehouse_id = :warehouse AND on_hand > reserved
                        RETURNING new.reserved - old.reserved AS taken, new.on_hand - new.reserved AS available""")
                .bind("product", productId).bind("warehouse", warehouseId).bind("wanted", wanted)
                .map(row -> new Take(productId, warehouseId, row.get("taken", Integer.class),
                        row.get("available", Integer.class)))
                .one();
    }

    /**
     * Gives back reserved units. Never below zero: should the row hold less than {@code quantity} (changed by hand),
     * it goes to zero and {@link Change#shortBy()} says by how much, so the caller can report it instead of
     * failing forever on a row it cannot fix.
     */
    Mono<Change> unreserve(UUID productId, UUID warehouseId, int quantity) {
        return change("""
                UPDATE stock_level SET reserved = greatest(reserved - :quantity, 0), updated_at = now()
                 WHERE product_id = :product AND warehouse_id = :warehouse
                RETURNING greatest(:quantity - old.reserved, 0) AS short_by, on_hand - reserved AS available""",
                productId, warehouseId, quantity);
    }

    /** Held units leave the shelf: on hand and reserved both go down; empty if fewer than that are reserved. */
    Mono<Change> commitReserved(UUID productId, UUID warehouseId, int quantity) {
        return change("""
                UPDATE stock_level
                   SET on_hand = on_hand - :quantity, reserved = reserved - :quantity, updated_at = now()
                 WHERE product_id = :product AND warehouse_id = :warehouse AND reserved >= :quantity
                RETURNING 0 AS short_by, on_hand - reserved AS available""", productId, warehouseId, quantity);
    }

    /** Free units leave the shelf without a hold (a commit after expiry); empty if fewer than that are free. */
    Mono<Change> takeOnHand(UUID productId, UUID warehouseId, int quantity) {
        return change("""
                UPDATE stock_level SET on_hand = on_hand - :quantity, updated_at = now()
                 WHERE product_id = :product AND warehouse_id = :warehouse AND on_hand - reserved >= :quantity
                RETURNING 0 AS short_by, on_hand - reserved AS available""", productId, warehouseId, quantity);
    }

    /** Units come back to the shelf (a committed order released, or an undone {@link #takeOnHand}). */
    Mono<Change> putBack(UUID productId, UUID warehouseId, int quantity) {
        return change("""
                INSERT INTO stock_level AS s (product_id, warehouse_id, on_hand)
                VALUES (:product, :warehouse, :quantity)
                ON CONFLICT (product_id, warehouse_id) DO UPDATE
                   SET on_hand = s.on_hand + excluded.on_hand, updated_at = now()
                RETURNING 0 AS short_by, new.on_hand - new.reserved AS available""",
                productId, warehouseId, quantity);
    }

    private Mono<Change> change(String sql, UUID productId, UUID warehouseId, int quantity) {
        return db.sql(sql)
                .bind("product", productId).bind("warehouse", warehouseId).bind("quantity", quantity)
                .map(row -> new Change(productId, warehouseId, row.get("available", Integer.class),
                        row.get("short_by", Integer.class)))
                .one();
    }

    /** What a stock change is about; a field is null when that product (live) or warehouse does not exist. */
    record Target(UUID productId, UUID warehouseId) {
    }

    /** A row's available quantity before and its numbers after setting on hand. */
    record OnHandChange(int availableBefore, int onHand, int reserved) {

        int availableAfter() {
            return onHand - reserved;
        }
    }

    record Availability(UUID productId, int available) {
    }

    /** A warehouse that stocks a product. */
    record Place(UUID productId, UUID warehouseId) {
    }

    /** Units reserved from one row by one reservation attempt, and what that row has free afterwards. */
    record Take(UUID productId, UUID warehouseId, int quantity, int available) {
    }

    /** A row after a change: what it has free, and how many units it lacked for the change (normally 0). */
    record Change(UUID productId, UUID warehouseId, int available, int shortBy) {
    }
}
