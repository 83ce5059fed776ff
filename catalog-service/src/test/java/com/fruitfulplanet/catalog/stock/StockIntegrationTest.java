package com.fruitfulplanet.catalog.stock;

import com.fruitfulplanet.catalog.CatalogFixtures;
import com.fruitfulplanet.catalog.CatalogIntegrationTest;
import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.EventCatalog;
import com.fruitfulplanet.contracts.events.EventJson;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Stock tests' helpers: their own products, and what the stock tables and the outbox hold about them. */
abstract class StockIntegrationTest extends CatalogIntegrationTest {

    /** A new ACTIVE product priced 199.90 RUB with {@code onHand} units in the main warehouse. */
    protected UUID product(int onHand) {
        CatalogFixtures fixtures = fixtures();
        UUID brand = fixtures.brand(fixtures.sector());
        return fixtures.product(brand, CatalogFixtures.uniqueSku("STK"), "Stock test product", "", "199.90", onHand);
    }

    /** A new warehouse that is not the default one. */
    protected UUID warehouse() {
        UUID id = UUID.randomUUID();
        db.sql("INSERT INTO warehouse (id, code, name) VALUES (:id, :code, 'Test warehouse')")
                .bind("id", id).bind("code", "T-" + id).then().block();
        return id;
    }

    protected void stock(UUID productId, UUID warehouseId, int onHand) {
        db.sql("""
                        INSERT INTO stock_level (product_id, warehouse_id, on_hand) VALUES (:product, :warehouse, :qty)
                        ON CONFLICT (product_id, warehouse_id) DO UPDATE SET on_hand = excluded.on_hand""")
                .bind("product", productId).bind("warehouse", warehouseId).bind("qty", onHand)
                .then().block();
    }

    protected Level level(UUID productId) {
        return level(productId, CatalogFixtures.MAIN_WAREHOUSE);
    }

    protected Level level(UUID productId, UUID warehouseId) {
        return db.sql("SELECT on_hand, reserved FROM stock_level WHERE product_id = :product AND warehouse_id = :w")
                .bind("product", productId).bind("w", warehouseId)
                .map(row -> new Level(row.get("on_hand", Integer.class), row.get("reserved", Integer.class)))
                .one().block();
    }

    /** The order's reservation: state and release reason, null when it has none. */
    protected Reservation reservation(UUID orderId) {
        return db.sql("SELECT id, state, release_reason FROM stock_reservation WHERE order_id = :order")
                .bind("order", orderId)
                .map(row -> new Reservation(row.get("id", UUID.class), row.get("state", String.class),
                        row.get("release_reason", String.class)))
                .one().block();
    }

    protected List<Line> lines(UUID orderId) {
        return db.sql("""
                        SELECT l.product_id, l.warehouse_id, l.quantity, l.unit_price_amount::text AS price, l.currency
                          FROM stock_reservation_line l JOIN stock_reservation r ON r.id = l.reservation_id
                         WHERE r.order_id = :order ORDER BY l.product_id, l.warehouse_id""")
                .bind("order", orderId)
                .map(row -> new Line(row.get("product_id", UUID.class), row.get("warehouse_id", UUID.class),
                        row.get("quantity", Integer.class), row.get("price", String.class),
                        row.get("currency", String.class)))
                .all().collectList().block();
    }

    /** The events of that type in the outbox with that key (order id or product id), oldest first. */
    protected <T extends DomainEvent> List<T> events(Class<T> type, Object key) {
        return events(type, List.of(key));
    }

    protected <T extends DomainEvent> List<T> events(Class<T> type, Collection<?> keys) {
        return db.sql("""
                        SELECT payload FROM outbox_event
                         WHERE event_type = :type AND event_key = ANY(:keys) ORDER BY id""")
                .bind("type", EventCatalog.of(type).name())
                .bind("keys", keys.stream().map(Object::toString).toArray(String[]::new))
                .map(row -> EventJson.read(row.get("payload", byte[].class), type))
                .all().collectList().block();
    }

    record Level(int onHand, int reserved) {
    }

    record Reservation(UUID id, String state, String releaseReason) {
    }

    record Line(UUID productId, UUID warehouseId, int quantity, String unitPrice, String currency) {
    }
}
