package com.fruitfulplanet.catalog.stock;

import com.fruitfulplanet.contracts.events.catalog.StockReleased.ReleaseReason;
import com.fruitfulplanet.contracts.money.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for {@code stock_reservation} and its lines (V4__catalog_model.sql), and the product facts a reservation
 * needs. A reservation row is locked before any stock row, by every path, which keeps the lock order of
 * {@link StockLevelRows} deadlock-free.
 */
@Repository
class ReservationRows {

    private final DatabaseClient db;

    ReservationRows(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The idempotency gate: inserts the order's reservation as HELD until now + {@code hold} and returns that
     * expiry, or completes empty when the order already has a reservation (of any state, a release's tombstone
     * included). A concurrent insert for the same order waits for the first to commit, then finds it.
     */
    Mono<Instant> insertHeld(UUID id, UUID orderId, Duration hold) {
        return db.sql("""
                        INSERT INTO stock_reservation (id, order_id, state, expires_at)
                        VALUES (:id, :order, 'HELD', now() + make_interval(secs => :seconds))
                        ON CONFLICT (order_id) DO NOTHING
                        RETURNING expires_at""")
                .bind("id", id).bind("order", orderId).bind("seconds", hold.toMillis() / 1000.0)
                .map(row -> row.get("expires_at", Instant.class))
                .one();
    }

    /** A RELEASED reservation without lines for an order that has none; false when it has one after all. */
    Mono<Boolean> insertTombstone(UUID id, UUID orderId, ReleaseReason reason) {
        return db.sql("""
                        INSERT INTO stock_reservation (id, order_id, state, expires_at, release_reason)
                        VALUES (:id, :order, 'RELEASED', now(), :reason)
                        ON CONFLICT (order_id) DO NOTHING""")
                .bind("id", id).bind("order", orderId).bind("reason", reason.name())
                .fetch().rowsUpdated()
                .map(inserted -> inserted == 1);
    }

    Mono<Reservation> find(UUID orderId) {
        return db.sql("SELECT id, state, release_reason FROM stock_reservation WHERE order_id = :order")
                .bind("order", orderId).map(ReservationRows::reservation).one();
    }

    /** The order's reservation, locked until the transaction ends. */
    Mono<Reservation> lock(UUID orderId) {
        return db.sql("SELECT id, state, release_reason FROM stock_reservation WHERE order_id = :order FOR UPDATE")
                .bind("order", orderId).map(ReservationRows::reservation).one();
    }

    /**
     * Up to {@code limit} HELD reservations past their expiry, locked; rows another transaction holds (a sweep on
     * another replica, a commit in progress) are skipped, not waited for.
     */
    Flux<Expired> lockExpired(int limit) {
        return db.sql("""
                        SELECT id, order_id FROM stock_reservation
                         WHERE state = 'HELD' AND expires_at < now()
                         ORDER BY expires_at
                         LIMIT :limit
                         FOR UPDATE SKIP LOCKED""")
                .bind("limit", limit)
                .map(row -> new Expired(row.get("id", UUID.class), row.get("order_id", UUID.class)))
                .all();
    }

    Mono<Void> markRejected(UUID id) {
        return db.sql("""
                        UPDATE stock_reservation SET state = 'REJECTED', expires_at = now(), updated_at = now()
                         WHERE id = :id""")
                .bind("id", id).then();
    }

    Mono<Void> markCommitted(UUID id) {
        return db.sql("""
                        UPDATE stock_reservation SET state = 'COMMITTED', release_reason = NULL, updated_at = now()
                         WHERE id = :id""")
                .bind("id", id).then();
    }

    Mono<Void> markReleased(Collection<UUID> ids, ReleaseReason reason) {
        return db.sql("""
                        UPDATE stock_reservation SET state = 'RELEASED', release_reason = :reason, updated_at = now()
                         WHERE id = ANY(:ids)""")
                .bind("ids", ids.toArray(UUID[]::new)).bind("reason", reason.name()).then();
    }

    /** Whether each product exists and can be sold now: live (not deleted) and ACTIVE, in PostgreSQL's id order. */
    Flux<Sellable> sellable(Collection<UUID> productIds) {
        return db.sql("""
                        SELECT id, deleted_at IS NULL AND status = 'ACTIVE' AS sellable
                          FROM product WHERE id = ANY(:products)
                         ORDER BY id""")
                .bind("products", productIds.toArray(UUID[]::new))
                .map(row -> new Sellable(row.get("id", UUID.class), row.get("sellable", Boolean.class)))
                .all();
    }

    /** Records what was taken, at each product's current price, and returns the lines as stored. */
    Flux<PricedLine> insertLines(UUID reservationId, List<StockLevelRows.Take> takes) {
        return db.sql("""
                        INSERT INTO stock_reservation_line
                            (reservation_id, product_id, warehouse_id, quantity, unit_price_amount, currency)
                        SELECT :reservation, t.product_id, t.warehouse_id, t.quantity, p.price_amount, p.currency
                          FROM unnest(:products::uuid[], :warehouses::uuid[], :quantities::int[])
                               AS t(product_id, warehouse_id, quantity)
                          JOIN product p ON p.id = t.product_id
                        RETURNING product_id, warehouse_id, quantity, unit_price_amount, currency""")
                .bind("reservation", reservationId)
                .bind("products", takes.stream().map(StockLevelRows.Take::productId).toArray(UUID[]::new))
                .bind("warehouses", takes.stream().map(StockLevelRows.Take::warehouseId).toArray(UUID[]::new))
                .bind("quantities", takes.stream().map(StockLevelRows.Take::quantity).toArray(Integer[]::new))
                .map(row -> new PricedLine(row.get("product_id", UUID.class), row.get("warehouse_id", UUID.class),
                        row.get("quantity", Integer.class),
                        money(row.get("unit_price_amount", BigDecimal.class), row.get("currency", String.class))))
                .all();
    }

    /** The lines of reservations, one per product and warehouse (summed over the reservations), in lock order. */
    Flux<Line> linesInLockOrder(Collection<UUID> reservationIds) {
        return db.sql("""
                        SELECT s.product_id, s.warehouse_id, sum(s.quantity)::int AS quantity
                          FROM stock_reservation_line s JOIN warehouse w ON w.id = s.warehouse_id
                         WHERE s.reservation_id = ANY(:ids)
                         GROUP BY s.product_id, s.warehouse_id, w.is_default
                         ORDER BY\s""" + StockLevelRows.LOCK_ORDER)
                .bind("ids", reservationIds.toArray(UUID[]::new))
                .map(row -> new Line(row.get("product_id", UUID.class), row.get("warehouse_id", UUID.class),
                        row.get("quantity", Integer.class)))
                .all();
    }

    private static Reservation reservation(io.r2dbc.spi.Readable row) {
        String reason = row.get("release_reason", String.class);
        return new Reservation(row.get("id", UUID.class), State.valueOf(row.get("state", String.class)),
                reason == null ? null : ReleaseReason.valueOf(reason));
    }

    private static Money money(BigDecimal amount, String currency) {
        Currency code = Currency.getInstance(currency.strip());
        return new Money(amount.setScale(Math.max(0, code.getDefaultFractionDigits())), code);
    }

    /** The states of V4__catalog_model.sql; an expired hold is RELEASED with reason EXPIRED. */
    enum State {
        HELD, COMMITTED, RELEASED, REJECTED
    }

    /** A reservation; {@code releaseReason} is set only when RELEASED. */
    record Reservation(UUID id, State state, ReleaseReason releaseReason) {
    }

    record Expired(UUID id, UUID orderId) {
    }

    record Sellable(UUID productId, boolean sellable) {
    }

    /** A quantity of a product held in (or taken from) a warehouse. */
    record Line(UUID productId, UUID warehouseId, int quantity) {
    }

    record PricedLine(UUID productId, UUID warehouseId, int quantity, Money unitPrice) {
    }
}
