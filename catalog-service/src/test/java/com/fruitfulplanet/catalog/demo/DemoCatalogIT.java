package com.fruitfulplanet.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.CatalogIntegrationTest;
import com.fruitfulplanet.catalog.bulk.BatchResult;
import com.fruitfulplanet.catalog.bulk.CatalogBatch;
import com.fruitfulplanet.catalog.bulk.CatalogBatches;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo catalog through the batch service, against the shared test database (which other tests have already
 * filled, so the start-up loader, off in tests, would not load it: the generator is applied directly here).
 */
class DemoCatalogIT extends CatalogIntegrationTest {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Autowired
    private CatalogBatches batches;

    @Autowired
    private DemoCatalogLoader loader;

    @Test
    void theDemoCatalogIsAThousandProductsAcrossTheSectorsWithStockAndASecondRunAddsNothing() {
        CatalogBatch demo = DemoCatalog.build(loader.targets().block(PATIENCE));
        String[] productIds = demo.products().stream().map(CatalogBatch.Product::externalId).toArray(String[]::new);

        BatchResult first = batches.apply(demo).block(PATIENCE);
        long outboxAfterFirst = outboxRows(productIds);
        BatchResult second = batches.apply(DemoCatalog.build(loader.targets().block(PATIENCE))).block(PATIENCE);

        assertThat(first.products().created() + first.products().updated() + first.products().unchanged())
                .isEqualTo(1000);
        assertThat(second.sectors().unchanged()).isEqualTo(5);
        assertThat(second.brands().unchanged()).isEqualTo(25);
        assertThat(second.products().unchanged()).isEqualTo(1000);
        assertThat(second.prices().unchanged()).isEqualTo(2000);
        assertThat(second.stock().unchanged()).isEqualTo(1000);
        assertThat(outboxRows(productIds)).isEqualTo(outboxAfterFirst).isGreaterThanOrEqualTo(1000);

        List<Map<String, Object>> sectors = db.sql("""
                        SELECT s.name, count(*) AS products,
                               count(*) FILTER (WHERE p.status = 'ACTIVE' AND p.price_amount > 0) AS sellable,
                               count(*) FILTER (WHERE st.on_hand > 0) AS in_stock,
                               count(*) FILTER (WHERE st.on_hand = 0) AS sold_out,
                               count(DISTINCT p.brand_id) AS brands,
                               count(pp.product_id) AS wholesale
                          FROM product p
                          JOIN sector s ON s.id = p.sector_id
                          JOIN stock_level st ON st.product_id = p.id
                          JOIN warehouse w ON w.id = st.warehouse_id AND w.is_default
                          LEFT JOIN product_price pp ON pp.product_id = p.id
                         WHERE p.external_id = ANY(:ids) AND p.deleted_at IS NULL
                         GROUP BY s.name ORDER BY s.name""")
                .bind("ids", productIds).fetch().all().collectList().block(PATIENCE);
        assertThat(sectors).extracting(row -> row.get("name"))
                .containsExactly("Бакалея", "Молочные продукты", "Напитки", "Овощи", "Фрукты");
        assertThat(sectors).allSatisfy(sector -> {
            assertThat(sector).containsEntry("products", 200L).containsEntry("sellable", 200L)
                    .containsEntry("brands", 5L).containsEntry("wholesale", 200L);
            assertThat((Long) sector.get("sold_out")).isBetween(1L, 20L);
            assertThat((Long) sector.get("in_stock") + (Long) sector.get("sold_out")).isEqualTo(200L);
        });
        assertThat(db.sql("SELECT name, sku FROM product WHERE external_id = :id")
                .bind("id", DemoCatalog.id("product", "FP-FRU-0001")).fetch().one().block(PATIENCE))
                .containsEntry("sku", "FP-FRU-0001");
    }

    @Test
    void theLoaderLeavesACatalogThatHasProductsAlone() {
        UUID brand = fixtures().brand(fixtures().sector());
        fixtures().product(brand, "DEMO-GUARD-" + UUID.randomUUID().toString().substring(0, 8), "Existing", "",
                "1.00", 1);
        long before = db.sql("SELECT count(*) FROM product").map(row -> row.get(0, Long.class)).one().block();

        BatchResult result = loader.loadIfCatalogEmpty().block(PATIENCE);

        assertThat(result).isNull();
        assertThat(db.sql("SELECT count(*) FROM product").map(row -> row.get(0, Long.class)).one().block())
                .isEqualTo(before);
    }

    private long outboxRows(String[] productExternalIds) {
        return db.sql("""
                        SELECT count(*) FROM outbox_event
                         WHERE event_key IN (SELECT id::text FROM product WHERE external_id = ANY(:ids))""")
                .bind("ids", productExternalIds).map(row -> row.get(0, Long.class)).one().block(PATIENCE);
    }
}
