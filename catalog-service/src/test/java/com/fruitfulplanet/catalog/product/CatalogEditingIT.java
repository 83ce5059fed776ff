package com.fruitfulplanet.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.CatalogFixtures;
import com.fruitfulplanet.catalog.CatalogIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Sectors, brands and products as editors change them: roles, validation, slugs, versions, soft delete, events. */
class CatalogEditingIT extends CatalogIntegrationTest {

    @Test
    void onlyManagersAndAdminsWriteAndAnyoneReads() {
        Map<String, Object> sector = Map.of("name", "Roles " + UUID.randomUUID());
        client.post().uri("/api/v1/sectors").bodyValue(sector).exchange().expectStatus().isUnauthorized();
        client.post().uri("/api/v1/sectors").headers(bearer(customerToken())).bodyValue(sector)
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String id = created("/api/v1/sectors", sector, adminToken());
        client.get().uri("/api/v1/sectors/" + id).exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"0\"")
                .expectBody().jsonPath("$.name").isEqualTo(sector.get("name"));
        client.post().uri("/api/v1/admin/cache/evict").headers(bearer(managerToken()))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void slugsComeFromNamesAndAreUniquePerParent() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String first = created("/api/v1/sectors", Map.of("name", "Молочные продукты " + suffix), managerToken());
        client.get().uri("/api/v1/sectors/" + first).exchange().expectBody()
                .jsonPath("$.slug").isEqualTo("molochnye-produkty-" + suffix);
        String second = created("/api/v1/sectors", Map.of("name", "Second " + suffix), managerToken());

        String brand = "own-brand-" + suffix;
        created("/api/v1/brands", Map.of("sectorId", first, "name", "Own", "slug", brand), managerToken());
        // The same slug under another sector is fine; twice under one sector is a conflict.
        created("/api/v1/brands", Map.of("sectorId", second, "name", "Own", "slug", brand), managerToken());
        client.post().uri("/api/v1/brands").headers(bearer(managerToken()))
                .bodyValue(Map.of("sectorId", first, "name", "Own again", "slug", brand))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:duplicate-slug");
        client.post().uri("/api/v1/brands").headers(bearer(managerToken()))
                .bodyValue(Map.of("sectorId", UUID.randomUUID(), "name", "Nowhere"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sectorId");
    }

    @Test
    void aProductIsCreatedReadReplacedPatchedAndSoftDeletedWithItsEvents() {
        CatalogFixtures fixtures = fixtures();
        UUID sector = fixtures.sector();
        UUID brand = fixtures.brand(sector);
        String sku = CatalogFixtures.uniqueSku("EDIT");
        Map<String, Object> create = Map.of("sku", sku, "name", "Яблоки Гала, 1 кг", "description", "Сладкие",
                "brandId", brand, "price", Map.of("amount", "149.90", "currency", "RUB"),
                "attributes", Map.of("origin", "Краснодар"), "images", List.of("https://cdn.example.org/gala.jpg"));
        String id = created("/api/v1/products", create, managerToken());

        client.get().uri("/api/v1/products/" + id).exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"0\"")
                .expectBody()
                .jsonPath("$.sku").isEqualTo(sku)
                .jsonPath("$.sectorId").isEqualTo(sector.toString())
                .jsonPath("$.price.amount").isEqualTo("149.90")
                .jsonPath("$.availableQuantity").isEqualTo(0)
                .jsonPath("$.attributes.origin").isEqualTo("Краснодар")
                .jsonPath("$.status").isEqualTo("ACTIVE");
        assertThat(eventTypes(id)).containsExactly("com.fruitfulplanet.catalog.ProductUpserted.v1");

        // Replace with the right version: the price change is its own event.
        Map<String, Object> replace = new java.util.HashMap<>(create);
        replace.put("price", Map.of("amount", "139.90", "currency", "RUB"));
        replace.put("version", 0);
        client.put().uri("/api/v1/products/" + id).headers(bearer(managerToken())).bodyValue(replace)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1).jsonPath("$.price.amount").isEqualTo("139.90");
        assertThat(eventTypes(id)).containsExactly("com.fruitfulplanet.catalog.ProductUpserted.v1",
                "com.fruitfulplanet.catalog.ProductUpserted.v1", "com.fruitfulplanet.catalog.PriceChanged.v1");

        // The same stale version again: 409 with the current one, nothing changes.
        client.put().uri("/api/v1/products/" + id).headers(bearer(managerToken())).bodyValue(replace)
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:stale-version")
                .jsonPath("$.currentVersion").isEqualTo(1);
        client.patch().uri("/api/v1/products/" + id).headers(bearer(managerToken()))
                .header(HttpHeaders.IF_MATCH, "\"0\"").bodyValue(Map.of("name", "Stale"))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);

        // PATCH changes only what it names.
        client.patch().uri("/api/v1/products/" + id).headers(bearer(managerToken()))
                .header(HttpHeaders.IF_MATCH, "\"1\"").bodyValue(Map.of("name", "Яблоки Гала"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Яблоки Гала").jsonPath("$.sku").isEqualTo(sku)
                .jsonPath("$.price.amount").isEqualTo("139.90").jsonPath("$.version").isEqualTo(2);

        client.delete().uri("/api/v1/products/" + id).headers(bearer(managerToken()))
                .exchange().expectStatus().isNoContent();
        client.get().uri("/api/v1/products/" + id).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(eventTypes(id)).last().isEqualTo("com.fruitfulplanet.catalog.ProductDeleted.v1");
        // Soft: the row stays for orders and 1C, and its SKU is free again.
        assertThat(db.sql("SELECT deleted_at IS NOT NULL FROM product WHERE id = :id").bind("id", UUID.fromString(id))
                .map(row -> row.get(0, Boolean.class)).one().block()).isTrue();
        created("/api/v1/products", create, managerToken());
    }

    @Test
    void badProductsAreRefusedWithFieldErrorsAndNothingIsWritten() {
        UUID brand = fixtures().brand(fixtures().sector());
        String sku = CatalogFixtures.uniqueSku("BAD");
        client.post().uri("/api/v1/products").headers(bearer(managerToken()))
                .bodyValue(Map.of("sku", "no spaces allowed", "name", " ", "brandId", brand,
                        "price", Map.of("amount", "-1", "currency", "RUB")))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[?(@.field == 'sku')]").exists()
                .jsonPath("$.errors[?(@.field == 'name')]").exists();
        client.post().uri("/api/v1/products").headers(bearer(managerToken()))
                .bodyValue(Map.of("sku", sku, "name", "Negative", "brandId", brand,
                        "price", Map.of("amount", "-1", "currency", "RUB")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("price.amount");
        client.post().uri("/api/v1/products").headers(bearer(managerToken()))
                .bodyValue(Map.of("sku", sku, "name", "Kopecks", "brandId", brand,
                        "price", Map.of("amount", "1.999", "currency", "RUB")))
                .exchange().expectStatus().isBadRequest();
        client.post().uri("/api/v1/products").headers(bearer(managerToken()))
                .bodyValue(Map.of("sku", sku, "name", "No brand", "brandId", UUID.randomUUID(),
                        "price", Map.of("amount", "1", "currency", "RUB")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("brandId");
        client.post().uri("/api/v1/products").headers(bearer(managerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"sku\": ")
                .exchange().expectStatus().isBadRequest();
        assertThat(db.sql("SELECT count(*) FROM product WHERE sku = :sku").bind("sku", sku)
                .map(row -> row.get(0, Long.class)).one().block()).isZero();

        created("/api/v1/products", Map.of("sku", sku, "name", "First", "brandId", brand,
                "price", Map.of("amount", "1", "currency", "RUB")), managerToken());
        client.post().uri("/api/v1/products").headers(bearer(managerToken()))
                .bodyValue(Map.of("sku", sku, "name", "Second", "brandId", brand,
                        "price", Map.of("amount", "1", "currency", "RUB")))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:duplicate-sku");
        client.get().uri("/api/v1/products/not-a-uuid").exchange().expectStatus().isBadRequest();
    }

    @Test
    void draftsAreHiddenFromShoppersButNotFromStaff() {
        UUID brand = fixtures().brand(fixtures().sector());
        String id = created("/api/v1/products", Map.of("sku", CatalogFixtures.uniqueSku("DRAFT"), "name", "Draft",
                "brandId", brand, "price", Map.of("amount", "10", "currency", "RUB"), "status", "DRAFT"),
                managerToken());
        client.get().uri("/api/v1/products/" + id).exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/products/" + id).headers(bearer(customerToken())).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/products/" + id).headers(bearer(managerToken())).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aSectorWithBrandsAndABrandWithProductsAreNotDeleted() {
        UUID sector = fixtures().sector();
        UUID brand = fixtures().brand(sector);
        UUID product = fixtures().product(brand, CatalogFixtures.uniqueSku("KEEP"), "Keep", "", "1.00", 0);
        client.delete().uri("/api/v1/sectors/" + sector).headers(bearer(managerToken())).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:sector-not-empty");
        client.delete().uri("/api/v1/brands/" + brand).headers(bearer(managerToken())).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
        client.delete().uri("/api/v1/products/" + product).headers(bearer(managerToken())).exchange()
                .expectStatus().isNoContent();
        client.delete().uri("/api/v1/brands/" + brand).headers(bearer(managerToken())).exchange()
                .expectStatus().isNoContent();
        client.delete().uri("/api/v1/sectors/" + sector).headers(bearer(managerToken())).exchange()
                .expectStatus().isNoContent();
        client.get().uri("/api/v1/sectors/" + sector).exchange().expectStatus().isNotFound();
        client.delete().uri("/api/v1/sectors/" + sector).headers(bearer(managerToken())).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aBrandMovedToAnotherSectorTakesItsProductsAlong() {
        UUID from = fixtures().sector();
        UUID to = fixtures().sector();
        UUID brand = fixtures().brand(from);
        UUID product = fixtures().product(brand, CatalogFixtures.uniqueSku("MOVE"), "Moving", "", "5.00", 1);
        client.put().uri("/api/v1/brands/" + brand).headers(bearer(managerToken()))
                .bodyValue(Map.of("sectorId", to, "name", "Moved brand", "version", 0))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.sectorId").isEqualTo(to.toString());
        client.get().uri("/api/v1/products/" + product).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.sectorId").isEqualTo(to.toString());
        assertThat(eventTypes(product.toString())).containsExactly("com.fruitfulplanet.catalog.ProductUpserted.v1");
    }

    @Test
    void listsArePagedByCursor() {
        UUID sector = fixtures().sector();
        for (int i = 0; i < 5; i++) {
            fixtures().brand(sector);
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            String uri = "/api/v1/brands?sector=" + sector + "&limit=2" + (cursor != null ? "&cursor=" + cursor : "");
            Map<?, ?> page = client.get().uri(uri).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            ((List<?>) page.get("items")).forEach(item -> seen.add((String) ((Map<?, ?>) item).get("id")));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        client.get().uri("/api/v1/brands?cursor=%%%").exchange().expectStatus().isBadRequest();
        client.get().uri("/api/v1/sectors?limit=101").exchange().expectStatus().isBadRequest();
    }

    private String created(String uri, Map<String, ?> body, String token) {
        Map<?, ?> created = client.post().uri(uri).headers(bearer(token)).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectHeader().exists(HttpHeaders.LOCATION)
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("id");
    }

    private List<String> eventTypes(String productId) {
        return db.sql("SELECT event_type FROM outbox_event WHERE event_key = :key ORDER BY id")
                .bind("key", productId).map(row -> row.get(0, String.class)).all().collectList().block();
    }

    static java.util.function.Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }
}
