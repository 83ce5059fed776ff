package com.fruitfulplanet.catalog.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.CatalogFixtures;
import com.fruitfulplanet.contracts.events.catalog.ReserveStock;
import com.fruitfulplanet.contracts.events.catalog.StockChanged;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code PUT /api/v1/products/{id}/stock} over HTTP. */
class StockLevelIT extends StockIntegrationTest {

    @Autowired
    private StockReservations reservations;

    @Test
    void onlyManagersAndAdminsSetStock() {
        UUID product = product(1);

        put(product, null, Map.of("quantity", 5)).exchange().expectStatus().isUnauthorized();
        put(product, customerToken(), Map.of("quantity", 5)).exchange().expectStatus().isForbidden();
        put(product, adminToken(), Map.of("quantity", 5)).exchange().expectStatus().isOk();
        assertThat(level(product)).isEqualTo(new Level(5, 0));
    }

    @Test
    void setsOnHandInTheDefaultWarehouseAndAnswersTheTotalAvailable() {
        UUID product = product(7);
        UUID second = warehouse();
        stock(product, second, 4);
        reservations.reserve(new ReserveStock(UUID.randomUUID(), List.of(new ReserveStock.Line(product, 2)), null))
                .block();
        int changesBefore = events(StockChanged.class, product).size();

        put(product, managerToken(), Map.of("quantity", 12)).exchange()
                .expectStatus().isOk()
                .expectBody(StockLevelView.class)
                .isEqualTo(new StockLevelView(product, CatalogFixtures.MAIN_WAREHOUSE, 12, 2, 10 + 4));

        assertThat(level(product)).isEqualTo(new Level(12, 2));
        List<StockChanged> changes = events(StockChanged.class, product);
        assertThat(changes).hasSize(changesBefore + 1);
        assertThat(changes.getLast().warehouseId()).isEqualTo(CatalogFixtures.MAIN_WAREHOUSE);
        assertThat(changes.getLast().available()).isEqualTo(10);
    }

    @Test
    void setsOnHandInANamedWarehouseCreatingItsRow() {
        UUID product = product(1);
        UUID second = warehouse();

        put(product, managerToken(), Map.of("quantity", 3, "warehouseId", second)).exchange()
                .expectStatus().isOk()
                .expectBody(StockLevelView.class)
                .isEqualTo(new StockLevelView(product, second, 3, 0, 4));

        assertThat(level(product, second)).isEqualTo(new Level(3, 0));
        assertThat(events(StockChanged.class, product)).singleElement().satisfies(changed -> {
            assertThat(changed.warehouseId()).isEqualTo(second);
            assertThat(changed.available()).isEqualTo(3);
        });
    }

    @Test
    void theProductShowsTheNewQuantityRightAfterThePut() {
        UUID product = product(5);
        client.get().uri("/api/v1/products/{id}", product).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.availableQuantity").isEqualTo(5);

        put(product, managerToken(), Map.of("quantity", 9)).exchange().expectStatus().isOk();

        client.get().uri("/api/v1/products/{id}", product).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.availableQuantity").isEqualTo(9);
    }

    @Test
    void anUnchangedAvailableQuantityEmitsNoEvent() {
        UUID product = product(6);

        put(product, managerToken(), Map.of("quantity", 6)).exchange().expectStatus().isOk();

        assertThat(events(StockChanged.class, product)).isEmpty();
    }

    @Test
    void belowReservedIsAConflict() {
        UUID product = product(5);
        reservations.reserve(new ReserveStock(UUID.randomUUID(), List.of(new ReserveStock.Line(product, 4)), null))
                .block();

        put(product, managerToken(), Map.of("quantity", 3)).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:stock-below-reserved")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("4 units are reserved"));

        assertThat(level(product)).isEqualTo(new Level(5, 4));
        put(product, managerToken(), Map.of("quantity", 4)).exchange().expectStatus().isOk();
        assertThat(level(product)).isEqualTo(new Level(4, 4));
    }

    @Test
    void invalidQuantitiesAreFieldErrors() {
        UUID product = product(5);

        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("quantity", -1),
                Map.of("quantity", 1_000_000_001L), Map.of("quantity", 99_999_999_999L), Map.of())) {
            put(product, managerToken(), body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("quantity");
        }
        assertThat(level(product)).isEqualTo(new Level(5, 0));
    }

    @Test
    void unknownOrDeletedProductsAndUnknownWarehousesAreNotFound() {
        UUID deleted = product(5);
        db.sql("UPDATE product SET deleted_at = now() WHERE id = :id").bind("id", deleted).then().block();
        UUID product = product(5);

        put(UUID.randomUUID(), managerToken(), Map.of("quantity", 1)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:not-found");
        put(deleted, managerToken(), Map.of("quantity", 1)).exchange().expectStatus().isNotFound();
        put(product, managerToken(), Map.of("quantity", 1, "warehouseId", UUID.randomUUID())).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No such warehouse.");
        assertThat(level(deleted)).isEqualTo(new Level(5, 0));
        assertThat(level(product)).isEqualTo(new Level(5, 0));
    }

    private WebTestClient.RequestHeadersSpec<?> put(UUID product, String token, Map<String, ?> body) {
        WebTestClient.RequestBodySpec request = client.put().uri("/api/v1/products/{id}/stock", product)
                .contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request = request.headers(headers -> headers.setBearerAuth(token));
        }
        return request.bodyValue(body);
    }
}
