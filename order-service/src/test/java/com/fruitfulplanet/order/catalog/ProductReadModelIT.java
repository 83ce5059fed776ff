package com.fruitfulplanet.order.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fruitfulplanet.contracts.events.EventMetadata;
import com.fruitfulplanet.contracts.events.catalog.PriceChanged;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.order.OrderIntegrationTest;
import com.fruitfulplanet.platform.events.EventsKafkaProducer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The product read model fed through Kafka by real catalog events: every event kind, and the orders in which events
 * can arrive (twice, older after newer, a price or delete before the product) never leave an older state behind.
 */
class ProductReadModelIT extends OrderIntegrationTest {

    @Autowired
    private EventsKafkaProducer producer;

    @Autowired
    private ProductCatalog catalog;

    @Autowired
    private MeterRegistry meters;

    private CatalogEvents events;

    @BeforeEach
    void events() {
        events = new CatalogEvents(producer, db);
    }

    @Test
    void anUpsertStoresTheProductAndMakesItPurchasable() {
        UUID id = UUID.randomUUID();
        Instant at = CatalogEvents.now();
        long lagsBefore = lag().count();

        events.applied(new ProductUpserted(id, "FP-APPLE-1", "Яблоки зелёные", UUID.randomUUID(), UUID.randomUUID(),
                Money.of("129.90", "RUB"), true, at));

        assertThat(row(id)).isEqualTo(new Row("FP-APPLE-1", "Яблоки зелёные", "129.90", "RUB", true, false, at, at));
        assertThat(catalog.purchasable(List.of(id)).block()).containsExactly(Map.entry(id,
                new CatalogProduct(id, "FP-APPLE-1", "Яблоки зелёные", Money.of("129.90", "RUB"), true)));
        // Metrics are counted once the inbox transaction has committed, just after the inbox row is visible.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(lag().count()).isGreaterThan(lagsBefore));
    }

    @Test
    void aPriceChangeChangesThePriceOnly() {
        UUID id = UUID.randomUUID();
        Instant t1 = CatalogEvents.now();
        Instant t2 = t1.plusSeconds(1);
        ProductUpserted product = CatalogEvents.upserted(id, Money.of("100.00", "RUB"), true, t1);

        events.applied(product, new PriceChanged(id, Money.of("100.00", "RUB"), Money.of("120.50", "RUB"), t2));

        assertThat(row(id)).isEqualTo(new Row(product.sku(), product.name(), "120.50", "RUB", true, false, t1, t2));
        assertThat(catalog.purchasable(List.of(id)).block().get(id).price()).isEqualTo(Money.of("120.50", "RUB"));
    }

    @Test
    void aDeleteIsATombstoneThatOnlyANewerUpsertLifts() {
        UUID id = UUID.randomUUID();
        Instant t1 = CatalogEvents.now();
        ProductUpserted product = CatalogEvents.upserted(id, Money.of("50.00", "RUB"), true, t1);

        events.applied(product, new ProductDeleted(id, product.sku(), t1.plusSeconds(2)),
                CatalogEvents.upserted(id, Money.of("55.00", "RUB"), true, t1.plusSeconds(1)));

        assertThat(row(id).deleted()).isTrue();
        assertThat(row(id).updatedAt()).isEqualTo(t1.plusSeconds(2));
        assertThat(catalog.purchasable(List.of(id)).block()).isEmpty();

        // 1C sends the product again after the shop deleted it: it is sold again.
        events.applied(CatalogEvents.upserted(id, Money.of("60.00", "RUB"), true, t1.plusSeconds(3)));
        assertThat(row(id)).isEqualTo(new Row(product.sku(), product.name(), "60.00", "RUB", true, false,
                t1.plusSeconds(3), t1.plusSeconds(3)));
        assertThat(catalog.purchasable(List.of(id)).block()).containsKey(id);
    }

    @Test
    void anOlderEventAfterANewerOneChangesNothing() {
        UUID id = UUID.randomUUID();
        Instant t1 = CatalogEvents.now();
        Instant t2 = t1.plusSeconds(5);
        ProductUpserted newer = new ProductUpserted(id, "FP-NEW", "Newer name", UUID.randomUUID(), null,
                Money.of("200.00", "RUB"), true, t2);
        double staleBefore = events("stale");

        events.applied(newer,
                new ProductUpserted(id, "FP-OLD", "Older name", UUID.randomUUID(), null, Money.of("100.00", "RUB"),
                        false, t1),
                new PriceChanged(id, Money.of("90.00", "RUB"), Money.of("100.00", "RUB"), t1.plusSeconds(1)),
                new ProductDeleted(id, "FP-NEW", t1.plusSeconds(2)));

        assertThat(row(id)).isEqualTo(new Row("FP-NEW", "Newer name", "200.00", "RUB", true, false, t2, t2));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(events("stale") - staleBefore).isEqualTo(3));
    }

    @Test
    void aRedeliveredOrRepeatedEventHasNoSecondEffect() {
        UUID id = UUID.randomUUID();
        Instant t1 = CatalogEvents.now();
        ProductUpserted product = CatalogEvents.upserted(id, Money.of("100.00", "RUB"), true, t1);
        EventMetadata first = events.applied(product).getFirst();
        events.applied(new PriceChanged(id, Money.of("100.00", "RUB"), Money.of("150.00", "RUB"),
                t1.plusSeconds(1)));

        // The relay sending the same record again (same event id), then a replay of it under a new id; the
        // consumer handles a partition in order, so once the second is consumed the first was too.
        events.send(product, first);
        events.applied(product);

        assertThat(row(id)).isEqualTo(new Row(product.sku(), product.name(), "150.00", "RUB", true, false, t1,
                t1.plusSeconds(1)));
        assertThat(db.sql("SELECT count(*) AS n FROM inbox_event WHERE consumer = :consumer AND event_id = :id")
                .bind("consumer", CatalogProductConsumer.NAME).bind("id", first.id())
                .map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void aPriceOrDeleteBeforeTheProductItselfIsKeptAndNotSold() {
        UUID priced = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        Instant t1 = CatalogEvents.now();

        events.applied(new PriceChanged(priced, Money.of("80.00", "RUB"), Money.of("90.00", "RUB"), t1.plusSeconds(1)),
                new ProductDeleted(deleted, "FP-GONE", t1.plusSeconds(1)));
        assertThat(catalog.purchasable(List.of(priced, deleted)).block()).isEmpty();

        // The (older) upserts arrive: the price change stays, the delete stays.
        ProductUpserted late = CatalogEvents.upserted(priced, Money.of("80.00", "RUB"), true, t1);
        events.applied(late, CatalogEvents.upserted(deleted, Money.of("10.00", "RUB"), true, t1));

        assertThat(row(priced)).isEqualTo(new Row(late.sku(), late.name(), "90.00", "RUB", true, false, t1,
                t1.plusSeconds(1)));
        assertThat(row(deleted).deleted()).isTrue();
        assertThat(catalog.purchasable(List.of(priced, deleted)).block()).containsOnlyKeys(priced);
    }

    @Test
    void purchasableAnswersOnlyForActiveLiveProductsInOneQuery() {
        UUID active = events.product("10.00");
        UUID inactive = UUID.randomUUID();
        UUID deleted = events.product("20.00");
        events.applied(CatalogEvents.upserted(inactive, Money.of("30.00", "RUB"), false, CatalogEvents.now()),
                new ProductDeleted(deleted, "FP-DEL", CatalogEvents.now()));

        Map<UUID, CatalogProduct> products = catalog.purchasable(
                List.of(active, inactive, deleted, UUID.randomUUID(), active)).block();

        assertThat(products).containsOnlyKeys(active);
        assertThat(products.get(active).price()).isEqualTo(Money.of("10.00", "RUB"));
        assertThat(catalog.purchasable(List.of()).block()).isEmpty();
    }

    private Row row(UUID id) {
        return db.sql("""
                        SELECT sku, name, price_amount::text AS price, currency, active, deleted, updated_at,
                               price_changed_at
                          FROM catalog_product WHERE product_id = :id""")
                .bind("id", id)
                .map(r -> new Row(r.get("sku", String.class), r.get("name", String.class),
                        r.get("price", String.class), r.get("currency", String.class), r.get("active", Boolean.class),
                        r.get("deleted", Boolean.class), r.get("updated_at", Instant.class),
                        r.get("price_changed_at", Instant.class)))
                .one().block();
    }

    private double events(String outcome) {
        return meters.find("fruitfulplanet.order.catalog.events").tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private Timer lag() {
        return meters.get("fruitfulplanet.order.catalog.lag").timer();
    }

    private record Row(String sku, String name, String price, String currency, boolean active, boolean deleted,
                       Instant updatedAt, Instant priceChangedAt) {
    }
}
