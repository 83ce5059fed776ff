package com.fruitfulplanet.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.events.catalog.StockReserved;
import com.fruitfulplanet.contracts.events.payment.PaymentAuthorized;
import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Who sees which orders, paging, cancellation rules and the fulfilment steps. */
class OrderAccessIT extends CheckoutIntegrationTest {

    @Test
    void aCustomerSeesOnlyTheirOwnOrdersAndAnotherUsersOrderIsNotFound() {
        Shopper owner = newShopper();
        Shopper stranger = newShopper();
        UUID orderId = placed(owner, catalog().product("10.00"), 1, "tok_visa");

        client.get().uri("/api/v1/orders/{id}", orderId).header("Authorization", "Bearer " + stranger.token())
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.post().uri("/api/v1/orders/{id}/cancel", orderId)
                .header("Authorization", "Bearer " + stranger.token())
                .exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/orders").header("Authorization", "Bearer " + stranger.token())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
        client.get().uri("/api/v1/orders?userId={id}", owner.id())
                .header("Authorization", "Bearer " + stranger.token())
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/orders/{id}", orderId).header("Authorization", "Bearer " + managerToken())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.userId").isEqualTo(owner.id().toString());
        assertThat(order(orderId).status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void listsAreNewestFirstAndPageWithoutGapsOrRepeats() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        List<UUID> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(placed(shopper, product, 1, "tok_visa"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<?, ?> page = client.get()
                    .uri(cursor == null ? "/api/v1/orders?limit=2" : "/api/v1/orders?limit=2&cursor=" + cursor)
                    .header("Authorization", "Bearer " + shopper.token())
                    .exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            ((List<?>) page.get("items")).forEach(item -> seen.add((String) ((Map<?, ?>) item).get("id")));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(placed.reversed().stream().map(UUID::toString).toList());

        client.get().uri("/api/v1/orders?userId={id}&status=PENDING&limit=100", shopper.id())
                .header("Authorization", "Bearer " + adminToken())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(5);
        client.get().uri("/api/v1/orders?userId={id}&status=CONFIRMED", shopper.id())
                .header("Authorization", "Bearer " + adminToken())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
        client.get().uri("/api/v1/orders?cursor=bm90LWEtY3Vyc29y").header("Authorization", "Bearer " + shopper.token())
                .exchange().expectStatus().isBadRequest();
        client.get().uri("/api/v1/orders?status=LOST").header("Authorization", "Bearer " + shopper.token())
                .exchange().expectStatus().isBadRequest();
        client.get().uri("/api/v1/orders?limit=101").header("Authorization", "Bearer " + shopper.token())
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void staffShipAndDeliverAConfirmedOrderAndItCanNoLongerBeCancelled() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        UUID orderId = placed(shopper, product, 1, "tok_visa");
        move(orderId, managerToken(), "SHIPPED").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:invalid-status-transition");

        answered("catalog-service", new StockReserved(UUID.randomUUID(), orderId, List.of(
                new StockReserved.ReservedLine(product, 1, Money.of("10.00", "RUB"))), Instant.now().plusSeconds(60)));
        answered("payment-service", new PaymentAuthorized(UUID.randomUUID(), orderId, Money.of("10.00", "RUB"),
                Instant.now()));

        move(orderId, shopper.token(), "SHIPPED").expectStatus().isForbidden();
        move(orderId, managerToken(), "DELIVERED").expectStatus().isEqualTo(409);
        move(orderId, managerToken(), "CANCELLED").expectStatus().isBadRequest();
        move(orderId, managerToken(), "SHIPPED").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SHIPPED");
        client.post().uri("/api/v1/orders/{id}/cancel", orderId).header("Authorization", "Bearer " + shopper.token())
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:order-not-cancellable");
        move(orderId, adminToken(), "DELIVERED").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("DELIVERED")
                .jsonPath("$.history[*].status").isEqualTo(List.of("PENDING", "CONFIRMED", "SHIPPED", "DELIVERED"));
        move(UUID.randomUUID(), adminToken(), "SHIPPED").expectStatus().isNotFound();
    }

    @Test
    void staffCancellationIsRecordedAsSuch() {
        UUID orderId = placed(newShopper(), catalog().product("10.00"), 1, "tok_visa");

        client.post().uri("/api/v1/orders/{id}/cancel", orderId).header("Authorization", "Bearer " + managerToken())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.cancelReason").isEqualTo("CANCELLED_BY_STAFF");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec move(UUID orderId, String token,
                                                                                         String status) {
        return client.post().uri("/api/v1/orders/{id}/status", orderId).header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", status)).exchange();
    }
}
