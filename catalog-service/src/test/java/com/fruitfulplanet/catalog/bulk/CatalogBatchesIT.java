package com.fruitfulplanet.catalog.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.bulk.BatchResult.Counts;
import com.fruitfulplanet.contracts.events.catalog.PriceChanged;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
import com.fruitfulplanet.contracts.events.catalog.StockChanged;
import com.fruitfulplanet.contracts.money.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The batch API end to end: what a batch writes, what it leaves alone, and the events it appends. */
class CatalogBatchesIT extends BatchTestSupport {

    @Autowired
    private CatalogBatches batches;

    @Test
    void theSameBatchTwiceChangesNothingTheSecondTime() {
        CatalogBatch batch = catalog(10, i -> "100." + i);

        BatchResult first = send(batch);
        List<UUID> products = productIds(10);
        long afterFirst = lastOutboxId();
        BatchResult second = send(batch);

        assertThat(first.sectors()).isEqualTo(new Counts(1, 0, 0));
        assertThat(first.brands()).isEqualTo(new Counts(2, 0, 0));
        assertThat(first.priceTypes()).isEqualTo(new Counts(1, 0, 0));
        assertThat(first.warehouses()).isEqualTo(new Counts(1, 0, 0));
        assertThat(first.products()).isEqualTo(new Counts(10, 0, 0));
        // First default prices create the price; the wholesale rows are new rows.
        assertThat(first.prices()).isEqualTo(new Counts(20, 0, 0));
        assertThat(first.stock()).isEqualTo(new Counts(10, 0, 0));
        assertThat(second).isEqualTo(new BatchResult(new Counts(0, 0, 1), new Counts(0, 0, 2), new Counts(0, 0, 1),
                new Counts(0, 0, 1), new Counts(0, 0, 10), new Counts(0, 0, 20), new Counts(0, 0, 10), List.of()));
        assertThat(eventTypesAfter(afterFirst, products)).isEmpty();
        assertThat(eventTypesAfter(0, products)).filteredOn("ProductUpserted.v1"::equals).hasSize(10);
        assertThat(eventTypesAfter(0, products)).filteredOn("StockChanged.v1"::equals).hasSize(10);
        assertThat(eventTypesAfter(0, products)).doesNotContain("PriceChanged.v1");
        Map<String, Object> product = product(ext("p3"));
        assertThat(product).containsEntry("status", "ACTIVE").containsEntry("version", 0L)
                .containsEntry("price_amount", new BigDecimal("100.30"));
    }

    @Test
    void twoBatchesAtOnceAreAppliedOneAfterTheOther() {
        String name = "Одновременно " + run;
        CatalogBatch first = concurrent("a", name);
        CatalogBatch second = concurrent("b", name);

        List<BatchResult> results = Flux.merge(
                        batches.apply(first).subscribeOn(Schedulers.boundedElastic()),
                        batches.apply(second).subscribeOn(Schedulers.boundedElastic()))
                .collectList().block(Duration.ofMinutes(1));

        // Each chose its slug knowing what the other had taken: without the batch lock both pick the same one and
        // the second fails on the unique index.
        assertThat(results).extracting(BatchResult::products)
                .containsOnly(new Counts(20, 0, 0)).hasSize(2);
        String slug = "odnovremenno-" + run;
        assertThat(List.of(slugOf("sector", ext("a-s")), slugOf("sector", ext("b-s"))))
                .containsExactlyInAnyOrder(slug, slug + "-2");
    }

    private CatalogBatch concurrent(String prefix, String sectorName) {
        List<CatalogBatch.Product> products = IntStream.range(0, 20)
                .mapToObj(i -> new CatalogBatch.Product(ext(prefix + "-p" + i), sku(prefix + i), "Товар " + i, null,
                        ext(prefix + "-b"), null, null, null, null))
                .toList();
        return batch().sectors(new CatalogBatch.Sector(ext(prefix + "-s"), sectorName, null, null))
                .brands(new CatalogBatch.Brand(ext(prefix + "-b"), ext(prefix + "-s"), "Brand", null, null))
                .products(products).build();
    }

    @Test
    void oneChangedPriceInABatchOfManyIsOnePriceChangedAndOneProductUpserted() {
        send(catalog(50, i -> "200.00"));
        List<UUID> products = productIds(50);
        UUID changed = productId(ext("p17"));
        long before = lastOutboxId();

        BatchResult result = send(catalog(50, i -> i == 17 ? "249.90" : "200.00"));

        assertThat(result.products()).isEqualTo(new Counts(0, 0, 50));
        assertThat(result.prices()).isEqualTo(new Counts(0, 1, 99));
        assertThat(result.stock()).isEqualTo(new Counts(0, 0, 50));
        assertThat(eventTypesAfter(before, products)).containsExactly("ProductUpserted.v1", "PriceChanged.v1");
        assertThat(eventsAfter(before, PriceChanged.class, changed)).singleElement().satisfies(event -> {
            assertThat(event.oldPrice()).isEqualTo(Money.of("200.00", "RUB"));
            assertThat(event.newPrice()).isEqualTo(Money.of("249.90", "RUB"));
        });
        assertThat(eventsAfter(before, ProductUpserted.class, changed)).singleElement().satisfies(event -> {
            assertThat(event.price()).isEqualTo(Money.of("249.90", "RUB"));
            assertThat(event.active()).isTrue();
        });
        assertThat(product(ext("p17"))).containsEntry("version", 1L);
        assertThat(product(ext("p16"))).containsEntry("version", 0L);
    }

    @Test
    void aProductChangedInSeveralSectionsIsOneVersionAndOneProductUpserted() {
        send(catalog(3, i -> "50.00"));
        UUID product = productId(ext("p1"));
        long before = lastOutboxId();
        CatalogBatch batch = catalog(3, i -> i == 1 ? "55.00" : "50.00");
        List<CatalogBatch.Product> renamed = new ArrayList<>(batch.products());
        CatalogBatch.Product old = renamed.get(1);
        renamed.set(1, new CatalogBatch.Product(old.externalId(), old.sku(), "Renamed", old.description(),
                old.brandExternalId(), Map.of("weight", 1.5), List.of("https://img.example/p1.jpg"), null, null));
        List<CatalogBatch.Price> wholesale = new ArrayList<>(batch.prices());
        wholesale.replaceAll(price -> price.productExternalId().equals(ext("p1"))
                && price.priceTypeExternalId().equals(ext("wholesale"))
                ? new CatalogBatch.Price(price.productExternalId(), price.priceTypeExternalId(), money("41.00"),
                "RUB") : price);

        BatchResult result = send(new CatalogBatch(batch.sectors(), batch.brands(), batch.priceTypes(),
                batch.warehouses(), renamed, wholesale, batch.stock()));

        assertThat(result.products()).isEqualTo(new Counts(0, 1, 2));
        assertThat(result.prices()).isEqualTo(new Counts(0, 2, 4));
        assertThat(eventTypesAfter(before, List.of(product))).containsExactly("ProductUpserted.v1",
                "PriceChanged.v1");
        assertThat(eventsAfter(before, ProductUpserted.class, product).getFirst().name()).isEqualTo("Renamed");
        assertThat(product(ext("p1"))).containsEntry("version", 1L);
        assertThat(db.sql("SELECT attributes::text AS a, images FROM product WHERE id = :id").bind("id", product)
                .fetch().one().block()).containsEntry("a", "{\"weight\": 1.5}");
    }

    @Test
    void aStockChangeIsStockChangedAndStockBelowReservedIsClampedAndReported() {
        send(catalog(2, i -> "10.00"));
        UUID first = productId(ext("p0"));
        UUID second = productId(ext("p1"));
        db.sql("UPDATE stock_level SET reserved = 4 WHERE product_id = :id").bind("id", second).then().block();
        long before = lastOutboxId();

        BatchResult result = send(batch().stock(
                new CatalogBatch.Stock(ext("p0"), ext("w"), money("25")),
                new CatalogBatch.Stock(ext("p1"), ext("w"), money("1.000"))).build());

        assertThat(result.stock()).isEqualTo(new Counts(0, 2, 0));
        assertThat(result.clampedStock()).containsExactly(
                new BatchResult.ClampedStock(ext("p1"), ext("w"), 1, 4));
        assertThat(eventsAfter(before, StockChanged.class, first)).singleElement()
                .extracting(StockChanged::available).isEqualTo(25);
        assertThat(eventsAfter(before, StockChanged.class, second)).singleElement()
                .extracting(StockChanged::available).isEqualTo(0);
        assertThat(eventTypesAfter(before, List.of(first, second))).containsOnly("StockChanged.v1");
        assertThat(db.sql("SELECT on_hand FROM stock_level WHERE product_id = :id").bind("id", second)
                .map(row -> row.get(0, Integer.class)).one().block()).isEqualTo(4);

        // Clamped again, but already at the reserved quantity: reported, not written, no event.
        long again = lastOutboxId();
        BatchResult repeated = send(batch().stock(new CatalogBatch.Stock(ext("p1"), ext("w"), money("1"))).build());
        assertThat(repeated.stock()).isEqualTo(new Counts(0, 0, 1));
        assertThat(repeated.clampedStock()).hasSize(1);
        assertThat(eventTypesAfter(again, List.of(second))).isEmpty();
    }

    @Test
    void aDeletionMarkSoftDeletesWithProductDeletedAndALaterRowBringsTheProductBack() {
        send(catalog(2, i -> "10.00"));
        UUID product = productId(ext("p0"));
        CatalogBatch.Product row = productRow(0);
        CatalogBatch.Product deleted = new CatalogBatch.Product(row.externalId(), row.sku(), row.name(),
                row.description(), row.brandExternalId(), null, null, null, true);
        long before = lastOutboxId();

        BatchResult result = send(batch().products(deleted).build());

        assertThat(result.products()).isEqualTo(new Counts(0, 1, 0));
        assertThat(product(ext("p0"))).containsEntry("deleted", true).containsEntry("version", 1L);
        assertThat(eventTypesAfter(before, List.of(product))).containsExactly("ProductDeleted.v1");
        assertThat(eventsAfter(before, ProductDeleted.class, product).getFirst().sku()).isEqualTo(sku("P0"));
        // Its SKU is free: another product may take it.
        assertThat(db.sql("SELECT count(*) FROM product WHERE sku = :sku AND deleted_at IS NULL")
                .bind("sku", sku("P0")).map(r -> r.get(0, Long.class)).one().block()).isZero();

        long again = lastOutboxId();
        assertThat(send(batch().products(deleted).build()).products()).isEqualTo(new Counts(0, 0, 1));
        assertThat(eventTypesAfter(again, List.of(product))).isEmpty();

        BatchResult revived = send(batch().products(row).build());
        assertThat(revived.products()).isEqualTo(new Counts(0, 1, 0));
        assertThat(product(ext("p0"))).containsEntry("deleted", false).containsEntry("status", "ACTIVE");
        assertThat(eventTypesAfter(again, List.of(product))).containsExactly("ProductUpserted.v1");
    }

    @Test
    void aNewProductIsADraftAtZeroUntilItsFirstDefaultPrice() {
        String retail = retailPriceType();
        CatalogBatch base = catalog(0, i -> "0");
        CatalogBatch.Product row = new CatalogBatch.Product(ext("p0"), sku("P0"), "Груша Конференция", null,
                ext("b0"), null, null, null, null);
        CatalogBatch.Product archived = new CatalogBatch.Product(ext("p1"), sku("P1"), "Груша Вильямс", null,
                ext("b0"), null, null, "ARCHIVED", null);

        send(new CatalogBatch(base.sectors(), base.brands(), null, null, List.of(row, archived), null, null));
        UUID product = productId(ext("p0"));

        assertThat(product(ext("p0"))).containsEntry("status", "DRAFT").containsEntry("currency", "RUB")
                .containsEntry("price_amount", new BigDecimal("0.00"))
                .containsEntry("status_on_first_price", "ACTIVE");
        assertThat(eventsAfter(0, ProductUpserted.class, product)).singleElement()
                .extracting(ProductUpserted::active).isEqualTo(false);

        long before = lastOutboxId();
        BatchResult priced = send(batch().prices(new CatalogBatch.Price(ext("p0"), retail, money("129.90"), "RUB"),
                new CatalogBatch.Price(ext("p1"), retail, money("99.90"), "RUB")).build());

        assertThat(priced.prices()).isEqualTo(new Counts(2, 0, 0));
        assertThat(product(ext("p0"))).containsEntry("status", "ACTIVE").containsEntry("status_on_first_price", null)
                .containsEntry("version", 1L);
        assertThat(product(ext("p1"))).containsEntry("status", "ARCHIVED");
        // Its first price is not a price change: there was none to change.
        assertThat(eventTypesAfter(before, List.of(product))).containsExactly("ProductUpserted.v1");
        assertThat(eventsAfter(before, ProductUpserted.class, product)).singleElement().satisfies(event -> {
            assertThat(event.active()).isTrue();
            assertThat(event.price()).isEqualTo(Money.of("129.90", "RUB"));
        });
    }

    @Test
    void aManagersStatusAndPriceForAProductWaitingForItsFirstPriceAreNotUndoneByThatPrice() {
        String retail = retailPriceType();
        CatalogBatch base = catalog(0, i -> "0");
        send(new CatalogBatch(base.sectors(), base.brands(), null, null, List.of(new CatalogBatch.Product(
                ext("p0"), sku("P0"), "Груша Дюшес", null, ext("b0"), null, null, null, null)), null, null));
        Map<String, Object> waiting = product(ext("p0"));
        assertThat(waiting).containsEntry("status_on_first_price", "ACTIVE");

        // The shop prices it and keeps it a draft (say, until the photos are ready).
        client.patch().uri("/api/v1/products/" + waiting.get("id")).headers(h -> h.setBearerAuth(managerToken()))
                .bodyValue(Map.of("status", "DRAFT", "price", Map.of("amount", "150.00", "currency", "RUB")))
                .exchange().expectStatus().isOk();
        send(batch().prices(new CatalogBatch.Price(ext("p0"), retail, money("140.00"), "RUB")).build());

        // 1C's price is the price now, but the manager's decision about the status stands.
        assertThat(product(ext("p0"))).containsEntry("status", "DRAFT")
                .containsEntry("price_amount", new BigDecimal("140.00"));
    }

    @Test
    void aBrandMovedToAnotherSectorTakesItsProductsAlong() {
        send(catalog(2, i -> "10.00"));
        UUID product = productId(ext("p0"));
        long before = lastOutboxId();

        BatchResult result = send(batch()
                .sectors(new CatalogBatch.Sector(ext("s2"), "Второй сектор " + run, null, null))
                .brands(new CatalogBatch.Brand(ext("b0"), ext("s2"), "Brand 0 " + run, null, null)).build());

        assertThat(result.brands()).isEqualTo(new Counts(0, 1, 0));
        UUID newSector = db.sql("SELECT id FROM sector WHERE external_id = :ext").bind("ext", ext("s2"))
                .map(row -> row.get("id", UUID.class)).one().block();
        assertThat(product(ext("p0"))).containsEntry("sector_id", newSector).containsEntry("version", 1L);
        assertThat(eventsAfter(before, ProductUpserted.class, product)).singleElement()
                .extracting(ProductUpserted::sectorId).isEqualTo(newSector);
        // p1 is in brand b1, which stayed.
        assertThat(eventTypesAfter(before, List.of(productId(ext("p1"))))).isEmpty();
    }

    @Test
    void slugsComeFromTransliteratedNamesUniquePerParentAndStayWhenTheNameChanges() {
        String name = "Свежие ягоды и фрукты " + run;
        send(batch().sectors(new CatalogBatch.Sector(ext("s1"), name, null, null),
                        new CatalogBatch.Sector(ext("s2"), name, null, null))
                .brands(new CatalogBatch.Brand(ext("b1"), ext("s1"), "Сады Кубани", null, null),
                        new CatalogBatch.Brand(ext("b2"), ext("s2"), "Сады Кубани", null, null))
                .build());

        String slug = "svezhie-yagody-i-frukty-" + run;
        assertThat(slugOf("sector", ext("s1"))).isEqualTo(slug);
        assertThat(slugOf("sector", ext("s2"))).isEqualTo(slug + "-2");
        // Brand slugs are unique per sector: both sectors may have their own.
        assertThat(slugOf("brand", ext("b1"))).isEqualTo("sady-kubani");
        assertThat(slugOf("brand", ext("b2"))).isEqualTo("sady-kubani");

        send(batch().sectors(new CatalogBatch.Sector(ext("s1"), "Ягоды " + run, null, "Описание")).build());
        assertThat(slugOf("sector", ext("s1"))).isEqualTo(slug);
    }

    @Test
    void aPriceTypeAndAWarehouseTheShopMadeAreLinkedByCode() {
        db.sql("INSERT INTO warehouse (id, code, name) VALUES (gen_random_uuid(), :code, 'Shop warehouse')")
                .bind("code", "SHOP-" + run).then().block();

        BatchResult result = send(batch()
                .warehouses(new CatalogBatch.Warehouse(ext("w"), "SHOP-" + run, "Склад магазина")).build());

        assertThat(result.warehouses()).isEqualTo(new Counts(0, 1, 0));
        assertThat(db.sql("SELECT external_id, name FROM warehouse WHERE code = :code")
                .bind("code", "SHOP-" + run).fetch().one().block())
                .containsEntry("external_id", ext("w")).containsEntry("name", "Склад магазина");
    }

    @Test
    void anotherDefaultPriceTypeIsRefused() {
        retailPriceType();

        post(batch().priceTypes(new CatalogBatch.PriceType(ext("retail"), null, "Другая розница", "RUB", true))
                .build(), partnerToken())
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:default-price-type")
                .jsonPath("$.errors[0].field").isEqualTo("priceTypes[0].default");
        assertThat(rows("price_type", ext("retail"))).isZero();
    }

    // --- a catalog of n products in one sector, two brands, with retail and wholesale prices and stock

    private CatalogBatch catalog(int n, IntFunction<String> retailPrice) {
        String retail = n > 0 ? retailPriceType() : null;
        List<CatalogBatch.Product> products = new ArrayList<>();
        List<CatalogBatch.Price> prices = new ArrayList<>();
        List<CatalogBatch.Stock> stock = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            products.add(productRow(i));
            prices.add(new CatalogBatch.Price(ext("p" + i), retail, money(retailPrice.apply(i)), "RUB"));
            prices.add(new CatalogBatch.Price(ext("p" + i), ext("wholesale"), money("5.00").add(BigDecimal.valueOf(i)),
                    "RUB"));
            stock.add(new CatalogBatch.Stock(ext("p" + i), ext("w"), BigDecimal.valueOf(10 + i)));
        }
        return batch()
                .sectors(new CatalogBatch.Sector(ext("s"), "Фрукты " + run, null, "Свежие фрукты"))
                .brands(new CatalogBatch.Brand(ext("b0"), ext("s"), "Brand 0 " + run, null, null),
                        new CatalogBatch.Brand(ext("b1"), ext("s"), "Бренд 1 " + run, null, "Описание"))
                .priceTypes(new CatalogBatch.PriceType(ext("wholesale"), null, "Оптовая " + run, "RUB", null))
                .warehouses(new CatalogBatch.Warehouse(ext("w"), null, "Склад " + run))
                .products(products).prices(prices).stock(stock).build();
    }

    private CatalogBatch.Product productRow(int i) {
        return new CatalogBatch.Product(ext("p" + i), sku("P" + i), "Яблоки Гала " + i, "Сладкие, хрустящие",
                ext("b" + i % 2), Map.of("country", "Россия", "weightG", 1000), null, null, null);
    }

    private List<UUID> productIds(int n) {
        return IntStream.range(0, n).mapToObj(i -> productId(ext("p" + i))).toList();
    }

    private String slugOf(String table, String externalId) {
        return db.sql("SELECT slug FROM " + table + " WHERE external_id = :ext").bind("ext", externalId)
                .map(row -> row.get("slug", String.class)).one().block();
    }
}
