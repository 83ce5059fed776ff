package com.fruitfulplanet.catalog;

import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Test data written straight into the catalog schema, for tests of reading paths (search, stock, cache) that need
 * rows without going through the write API under test. Names and slugs are made unique per call.
 */
public final class CatalogFixtures {

    /** The warehouse V1__catalog.sql creates. */
    public static final UUID MAIN_WAREHOUSE = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private final DatabaseClient db;

    public CatalogFixtures(DatabaseClient db) {
        this.db = db;
    }

    public UUID sector() {
        UUID id = UUID.randomUUID();
        db.sql("INSERT INTO sector (id, name, slug) VALUES (:id, :name, :slug)")
                .bind("id", id).bind("name", "Sector " + id).bind("slug", "s-" + id)
                .then().block();
        return id;
    }

    public UUID brand(UUID sectorId) {
        UUID id = UUID.randomUUID();
        db.sql("INSERT INTO brand (id, sector_id, name, slug) VALUES (:id, :sector, :name, :slug)")
                .bind("id", id).bind("sector", sectorId).bind("name", "Brand " + id).bind("slug", "b-" + id)
                .then().block();
        return id;
    }

    /** An ACTIVE product in RUB with {@code onHand} units in the main warehouse. */
    public UUID product(UUID brandId, String sku, String name, String description, String price, int onHand) {
        UUID id = UUID.randomUUID();
        db.sql("""
                        INSERT INTO product (id, sku, name, description, brand_id, sector_id, price_amount, currency)
                        SELECT :id, :sku, :name, :description, b.id, b.sector_id, :price, 'RUB'
                        FROM brand b WHERE b.id = :brand""")
                .bind("id", id).bind("sku", sku).bind("name", name).bind("description", description)
                .bind("brand", brandId).bind("price", new BigDecimal(price))
                .then().block();
        stock(id, onHand);
        return id;
    }

    /** Sets the on-hand quantity in the main warehouse (reserved untouched). */
    public void stock(UUID productId, int onHand) {
        db.sql("""
                        INSERT INTO stock_level (product_id, warehouse_id, on_hand) VALUES (:product, :warehouse, :qty)
                        ON CONFLICT (product_id, warehouse_id) DO UPDATE SET on_hand = excluded.on_hand""")
                .bind("product", productId).bind("warehouse", MAIN_WAREHOUSE).bind("qty", onHand)
                .then().block();
    }

    public static String uniqueSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }
}
