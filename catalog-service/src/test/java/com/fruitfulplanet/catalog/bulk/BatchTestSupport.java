package com.fruitfulplanet.catalog.bulk;

import com.fruitfulplanet.catalog.CatalogIntegrationTest;
import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.EventCatalog;
import com.fruitfulplanet.contracts.events.EventJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Helpers for tests of the bulk API: unique 1C ids per test, the batch endpoint, and the outbox rows of given
 * products. The catalog is shared with every other test class, so nothing here assumes empty tables.
 */
abstract class BatchTestSupport extends CatalogIntegrationTest {

    static final String BATCHES = "/internal/v1/catalog/batches";

    /** A prefix that makes this test's external ids, SKUs and names its own. */
    final String run = UUID.randomUUID().toString().substring(0, 8);

    String ext(String what) {
        return "it-" + run + "-" + what;
    }

    String sku(String what) {
        return ("IT-" + run + "-" + what).toUpperCase(Locale.ROOT);
    }

    /** Batches can be large: more patience than WebTestClient's default 5 s. */
    WebTestClient batchClient() {
        return client.mutate().responseTimeout(Duration.ofMinutes(3)).build();
    }

    WebTestClient.ResponseSpec post(Object body, String token) {
        WebTestClient.RequestBodySpec request = batchClient().post().uri(BATCHES)
                .contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request.headers(headers -> headers.setBearerAuth(token));
        }
        return request.bodyValue(body).exchange();
    }

    BatchResult send(CatalogBatch batch) {
        return post(batch, partnerToken()).expectStatus().isOk()
                .expectBody(BatchResult.class).returnResult().getResponseBody();
    }

    /**
     * The 1C id of the shop's default (retail) price type; links the one the migration made to a test id if no
     * batch has linked it yet.
     */
    String retailPriceType() {
        Optional<String> linked = db.sql("SELECT external_id FROM price_type WHERE is_default")
                .map(row -> Optional.ofNullable(row.get("external_id", String.class))).one().block();
        if (linked != null && linked.isPresent()) {
            return linked.get();
        }
        send(batch().priceTypes(new CatalogBatch.PriceType("it-retail", null, "Retail", "RUB", true)).build());
        return "it-retail";
    }

    static Builder batch() {
        return new Builder();
    }

    static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    UUID productId(String externalId) {
        return db.sql("SELECT id FROM product WHERE external_id = :ext").bind("ext", externalId)
                .map(row -> row.get("id", UUID.class)).one().block();
    }

    Map<String, Object> product(String externalId) {
        return db.sql("""
                        SELECT id, sku, status, price_amount, currency::text AS currency, version, sector_id,
                               deleted_at IS NOT NULL AS deleted, status_on_first_price
                          FROM product WHERE external_id = :ext""")
                .bind("ext", externalId).fetch().one().block();
    }

    /** How many rows of {@code table} have one of these external ids. */
    long rows(String table, String... externalIds) {
        return db.sql("SELECT count(*) FROM " + table + " WHERE external_id = ANY(:ids)").bind("ids", externalIds)
                .map(row -> row.get(0, Long.class)).one().block();
    }

    /** The newest outbox row id, to look at what a batch appended after it. */
    long lastOutboxId() {
        return db.sql("SELECT COALESCE(max(id), 0) AS id FROM outbox_event")
                .map(row -> row.get("id", Long.class)).one().block();
    }

    /** Event types appended after {@code afterId} for these products (keys), oldest first. */
    List<String> eventTypesAfter(long afterId, Collection<UUID> products) {
        return db.sql("""
                        SELECT event_type FROM outbox_event
                         WHERE id > :after AND event_key = ANY(:keys) ORDER BY id""")
                .bind("after", afterId)
                .bind("keys", products.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> row.get("event_type", String.class).replace("com.fruitfulplanet.catalog.", ""))
                .all().collectList().block();
    }

    <T extends DomainEvent> List<T> eventsAfter(long afterId, Class<T> type, UUID product) {
        return db.sql("""
                        SELECT payload FROM outbox_event
                         WHERE id > :after AND event_type = :type AND event_key = :key ORDER BY id""")
                .bind("after", afterId)
                .bind("type", EventCatalog.of(type).name())
                .bind("key", product.toString())
                .map(row -> EventJson.read(row.get("payload", byte[].class), type))
                .all().collectList().block();
    }

    /** A batch, section by section. */
    static final class Builder {

        private List<CatalogBatch.Sector> sectors = List.of();
        private List<CatalogBatch.Brand> brands = List.of();
        private List<CatalogBatch.PriceType> priceTypes = List.of();
        private List<CatalogBatch.Warehouse> warehouses = List.of();
        private List<CatalogBatch.Product> products = List.of();
        private List<CatalogBatch.Price> prices = List.of();
        private List<CatalogBatch.Stock> stock = List.of();

        Builder sectors(CatalogBatch.Sector... rows) {
            sectors = List.of(rows);
            return this;
        }

        Builder brands(CatalogBatch.Brand... rows) {
            brands = List.of(rows);
            return this;
        }

        Builder priceTypes(CatalogBatch.PriceType... rows) {
            priceTypes = List.of(rows);
            return this;
        }

        Builder warehouses(CatalogBatch.Warehouse... rows) {
            warehouses = List.of(rows);
            return this;
        }

        Builder products(List<CatalogBatch.Product> rows) {
            products = rows;
            return this;
        }

        Builder products(CatalogBatch.Product... rows) {
            return products(List.of(rows));
        }

        Builder prices(List<CatalogBatch.Price> rows) {
            prices = rows;
            return this;
        }

        Builder prices(CatalogBatch.Price... rows) {
            return prices(List.of(rows));
        }

        Builder stock(List<CatalogBatch.Stock> rows) {
            stock = rows;
            return this;
        }

        Builder stock(CatalogBatch.Stock... rows) {
            return stock(List.of(rows));
        }

        CatalogBatch build() {
            return new CatalogBatch(sectors, brands, priceTypes, warehouses, products, prices, stock);
        }
    }
}
