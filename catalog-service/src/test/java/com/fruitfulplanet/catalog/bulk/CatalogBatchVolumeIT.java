package com.fruitfulplanet.catalog.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.bulk.BatchResult.Counts;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A full 1C exchange's worth in one request: 5 000 products with two prices each and stock, through HTTP. The
 * timings are logged (and the service logs how much of it the outbox took).
 */
class CatalogBatchVolumeIT extends BatchTestSupport {

    private static final Logger log = LoggerFactory.getLogger(CatalogBatchVolumeIT.class);
    private static final int PRODUCTS = 5_000;

    @Test
    void fiveThousandProductsWithPricesAndStockInOneBatch() {
        String retail = retailPriceType();
        CatalogBatch batch = catalog(retail, 0);

        long started = System.nanoTime();
        BatchResult created = send(batch);
        Duration first = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        BatchResult unchanged = send(batch);
        Duration second = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        BatchResult repriced = send(catalog(retail, 1));
        Duration third = Duration.ofNanos(System.nanoTime() - started);

        log.info("Batch of {} products, {} prices, {} stock rows over HTTP: new {} ms, unchanged {} ms, "
                        + "every retail price changed {} ms", PRODUCTS, batch.prices().size(), batch.stock().size(),
                first.toMillis(), second.toMillis(), third.toMillis());
        assertThat(created.products()).isEqualTo(new Counts(PRODUCTS, 0, 0));
        assertThat(created.prices()).isEqualTo(new Counts(2 * PRODUCTS, 0, 0));
        assertThat(created.stock()).isEqualTo(new Counts(PRODUCTS, 0, 0));
        assertThat(unchanged.products()).isEqualTo(new Counts(0, 0, PRODUCTS));
        assertThat(unchanged.prices()).isEqualTo(new Counts(0, 0, 2 * PRODUCTS));
        assertThat(unchanged.stock()).isEqualTo(new Counts(0, 0, PRODUCTS));
        assertThat(repriced.prices()).isEqualTo(new Counts(0, PRODUCTS, PRODUCTS));
        assertThat(db.sql("""
                        SELECT count(*) FILTER (WHERE p.status = 'ACTIVE') AS active,
                               count(*) FILTER (WHERE s.on_hand > 0) AS stocked
                          FROM product p JOIN stock_level s ON s.product_id = p.id
                         WHERE p.external_id LIKE :prefix""")
                .bind("prefix", ext("p") + "%").fetch().one().block())
                .isEqualTo(Map.of("active", (long) PRODUCTS, "stocked", (long) PRODUCTS));
    }

    /**
     * The database is shared with every other test class of the service: 5 000 more products could change what
     * the planner does in theirs (the listing's EXPLAIN checks). The events stay in the outbox.
     */
    @AfterEach
    void removeTheProducts() {
        String products = "(SELECT id FROM product WHERE external_id LIKE :prefix)";
        Flux.concat(delete("DELETE FROM stock_level WHERE product_id IN " + products, ext("p%")),
                        delete("DELETE FROM product_price WHERE product_id IN " + products, ext("p%")),
                        delete("DELETE FROM product WHERE external_id LIKE :prefix", ext("p%")),
                        delete("DELETE FROM brand WHERE external_id LIKE :prefix", ext("b%")))
                .then().block(Duration.ofMinutes(1));
    }

    private Mono<Void> delete(String sql, String prefix) {
        return db.sql(sql).bind("prefix", prefix).then();
    }

    private CatalogBatch catalog(String retail, int priceStep) {
        List<CatalogBatch.Brand> brands = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            brands.add(new CatalogBatch.Brand(ext("b" + b), ext("s"), "Бренд " + b + " " + run, null,
                    "Производитель номер " + b));
        }
        List<CatalogBatch.Product> products = new ArrayList<>();
        List<CatalogBatch.Price> prices = new ArrayList<>();
        List<CatalogBatch.Stock> stock = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            String id = ext("p" + i);
            products.add(new CatalogBatch.Product(id, sku("P" + i), "Товар номер " + i + " весовой, 1 кг",
                    "Описание товара номер " + i + ": свежий, отборный, из проверенных хозяйств.", ext("b" + i % 20),
                    Map.of("country", "Россия", "weightG", 1000), List.of("/images/" + i + ".jpg"), null, null));
            BigDecimal price = BigDecimal.valueOf(100 + i % 900 + priceStep, 0).add(new BigDecimal("0.90"));
            prices.add(new CatalogBatch.Price(id, retail, price, "RUB"));
            prices.add(new CatalogBatch.Price(id, ext("wholesale"), new BigDecimal("90.00"), "RUB"));
            stock.add(new CatalogBatch.Stock(id, ext("w"), BigDecimal.valueOf(1 + i % 300)));
        }
        return batch()
                .sectors(new CatalogBatch.Sector(ext("s"), "Большой сектор " + run, null, null))
                .brands(brands.toArray(CatalogBatch.Brand[]::new))
                .priceTypes(new CatalogBatch.PriceType(ext("wholesale"), null, "Опт " + run, "RUB", null))
                .warehouses(new CatalogBatch.Warehouse(ext("w"), null, "Склад " + run))
                .products(products).prices(prices).stock(stock).build();
    }
}
