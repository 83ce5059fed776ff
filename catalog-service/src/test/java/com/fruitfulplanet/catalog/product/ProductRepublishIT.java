package com.fruitfulplanet.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.CatalogFixtures;
import com.fruitfulplanet.catalog.CatalogIntegrationTest;
import com.fruitfulplanet.contracts.events.EventCatalog;
import com.fruitfulplanet.contracts.events.EventJson;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** POST /api/v1/admin/catalog/republish: every product once more, as it is now. */
class ProductRepublishIT extends CatalogIntegrationTest {

    @Test
    void everyProductIsPublishedAgainWithItsCurrentState() throws InterruptedException {
        CatalogFixtures fixtures = fixtures();
        UUID sector = fixtures.sector();
        UUID brand = fixtures.brand(sector);
        UUID elsewhere = fixtures.product(fixtures.brand(fixtures.sector()), CatalogFixtures.uniqueSku("REP"),
                "Another sector", "", "3.00", 1);
        // More than one chunk, so the paging between chunks is exercised.
        List<UUID> live = IntStream.range(0, ProductRepublisher.CHUNK + 5)
                .mapToObj(i -> fixtures.product(brand, CatalogFixtures.uniqueSku("REP"), "Republished " + i, "",
                        "12.30", 1))
                .toList();
        UUID deleted = fixtures.product(brand, CatalogFixtures.uniqueSku("REP"), "Deleted", "", "1.00", 0);
        db.sql("UPDATE product SET deleted_at = now() WHERE id = :id").bind("id", deleted).then().block();
        UUID draft = fixtures.product(brand, CatalogFixtures.uniqueSku("REP"), "Draft", "", "2.00", 0);
        db.sql("UPDATE product SET status = 'DRAFT' WHERE id = :id").bind("id", draft).then().block();

        // This sector only: the whole catalog of a test database holds other tests' 100 000 products.
        client.post().uri("/api/v1/admin/catalog/republish?sectorId={sector}", sector)
                .header("Authorization", "Bearer " + adminToken())
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("started");
        // It runs in the background: wait for it.
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while ((upserts(live).size() < live.size() || deletions(deleted).isEmpty()
                || upserts(List.of(draft)).isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<ProductUpserted> republished = upserts(live);
        assertThat(republished).hasSize(live.size());
        assertThat(republished).allSatisfy(event -> {
            assertThat(event.price()).isEqualTo(Money.of("12.30", "RUB"));
            assertThat(event.active()).isTrue();
            assertThat(event.name()).startsWith("Republished ");
        });
        assertThat(upserts(List.of(deleted))).isEmpty();
        assertThat(upserts(List.of(elsewhere))).as("another sector's product").isEmpty();
        assertThat(deletions(deleted)).singleElement()
                .satisfies(event -> assertThat(event.productId()).isEqualTo(deleted));
        assertThat(upserts(List.of(draft))).singleElement()
                .satisfies(event -> assertThat(event.active()).as("a draft goes out as not for sale").isFalse());
    }

    @Test
    void onlyAdminsMayRepublish() {
        client.post().uri("/api/v1/admin/catalog/republish").header("Authorization", "Bearer " + managerToken())
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/admin/catalog/republish").exchange().expectStatus().isUnauthorized();
    }

    private List<ProductDeleted> deletions(UUID product) {
        return db.sql("SELECT payload FROM outbox_event WHERE event_type = :type AND event_key = :key")
                .bind("type", EventCatalog.PRODUCT_DELETED.name()).bind("key", product.toString())
                .map(row -> EventJson.read(row.get("payload", byte[].class), ProductDeleted.class))
                .all().collectList().block();
    }

    private List<ProductUpserted> upserts(List<UUID> products) {
        return db.sql("""
                        SELECT payload FROM outbox_event WHERE event_type = :type AND event_key = ANY(:keys)""")
                .bind("type", EventCatalog.PRODUCT_UPSERTED.name())
                .bind("keys", products.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> EventJson.read(row.get("payload", byte[].class), ProductUpserted.class))
                .all().collectList().block();
    }
}
