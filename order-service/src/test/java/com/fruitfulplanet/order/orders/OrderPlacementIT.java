package com.fruitfulplanet.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.events.catalog.ReserveStock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;


/** POST /api/v1/orders: pricing from the catalog, validation, and the Idempotency-Key. */
class OrderPlacementIT extends CheckoutIntegrationTest {

    @Test
    void pricesComeFromTheCatalogNeverFromTheClient() {
        Shopper shopper = newShopper();
        UUID apples = catalog().product("189.90");
        UUID pears = catalog().product("240.00");
        Map<String, Object> body = new HashMap<>(orderOf(apples, 2, "tok_visa"));
        body.put("items", List.of(Map.of("productId", apples, "quantity", 2, "unitPrice", "0.01"),
                Map.of("productId", pears, "quantity", 1)));
        body.put("total", Map.of("amount", "0.01", "currency", "RUB"));

        place(shopper, "prices-1", body)
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/orders/[0-9a-f-]{36}")
                .expectBody()
                .jsonPath("$.status").isEqualTo("PENDING")
                .jsonPath("$.number").value(String.class, number -> assertThat(number).matches("FP-\\d{8}"))
                .jsonPath("$.total.amount").isEqualTo("619.80")
                .jsonPath("$.total.currency").isEqualTo("RUB")
                .jsonPath("$.items[0].unitPrice.amount").isEqualTo("189.90")
                .jsonPath("$.items[0].lineTotal.amount").isEqualTo("379.80")
                .jsonPath("$.items[1].unitPrice.amount").isEqualTo("240.00")
                .jsonPath("$.payment.status").isEqualTo("NONE")
                .jsonPath("$.shippingAddress.city").isEqualTo("Moscow")
                .jsonPath("$.history[0].status").isEqualTo("PENDING");
    }

    @Test
    void theSameKeyAndBodyReplayTheOrderAndAnotherBodyIs422() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        Map<?, ?> first = place(shopper, "replay-1", orderOf(product, 1, "tok_visa"))
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();

        place(shopper, "replay-1", orderOf(product, 1, "tok_visa"))
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(Map.class).isEqualTo(first);
        place(shopper, "replay-1", orderOf(product, 2, "tok_visa"))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:idempotency-key-reused");
        // Another user's identical key is another request.
        place(newShopper(), "replay-1", orderOf(product, 1, "tok_visa")).expectStatus().isCreated();

        assertThat(ordersOf(shopper)).isEqualTo(1);
    }

    @Test
    void aHundredConcurrentRequestsWithOneKeyPlaceOneOrder() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        WebClient http = WebClient.create("http://127.0.0.1:" + port);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<Object> ids = Collections.synchronizedList(new ArrayList<>());

        Flux.range(0, 100)
                .flatMap(i -> http.post().uri("/api/v1/orders")
                        .header("Authorization", "Bearer " + shopper.token())
                        .header("Idempotency-Key", "burst-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(orderOf(product, 1, "tok_visa"))
                        .exchangeToMono(response -> response.bodyToMono(Map.class)
                                .doOnNext(body -> {
                                    statuses.add(response.statusCode().value());
                                    if (response.statusCode().value() == 201) {
                                        ids.add(body.get("id"));
                                    }
                                })), 100)
                .then().block(Duration.ofSeconds(60));

        assertThat(statuses).hasSize(100).allMatch(status -> status == 201 || status == 409);
        assertThat(ids).isNotEmpty().allMatch(id -> id.equals(ids.getFirst()));
        assertThat(ordersOf(shopper)).isEqualTo(1);
        assertThat(sent(ReserveStock.class, UUID.fromString((String) ids.getFirst()))).hasSize(1);
    }

    @Test
    void aMissingIdempotencyKeyIs400AndPlacesNothing() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");

        place(shopper, null, orderOf(product, 1, "tok_visa"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:idempotency-key-required");
        assertThat(ordersOf(shopper)).isZero();
    }

    @Test
    void badRequestsGetFieldErrorsAndPlaceNothing() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        Map<String, Object> body = new HashMap<>(orderOf(product, 0, "tok_visa"));
        body.put("shippingAddress", Map.of("recipient", "", "city", "Moscow", "country", "Russia"));
        body.put("paymentMethod", Map.of("type", "cash", "token", "tok_visa"));

        place(shopper, "bad-1", body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").value(List.class, fields -> assertThat(fields).contains(
                        "items[0].quantity", "shippingAddress.recipient", "shippingAddress.line1",
                        "shippingAddress.postalCode", "shippingAddress.country", "paymentMethod.type"));

        place(shopper, "bad-2", Map.of("fromCart", true, "items", List.of(Map.of("productId", product,
                "quantity", 1)), "shippingAddress", address(), "paymentMethod", Map.of("type", "card",
                "token", "tok_visa")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("items");
        place(shopper, "bad-3", Map.of("items", List.of(Map.of("productId", product, "quantity", 1),
                Map.of("productId", product, "quantity", 2)), "shippingAddress", address(),
                "paymentMethod", Map.of("type", "card", "token", "tok_visa")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("items[1].productId");
        client.post().uri("/api/v1/orders").header("Authorization", "Bearer " + shopper.token())
                .header("Idempotency-Key", "bad-4").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"items\": [").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(ordersOf(shopper)).isZero();
    }

    @Test
    void aProductThatCannotBeBoughtIs422ForTheWholeOrder() {
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        UUID unknown = UUID.randomUUID();

        place(shopper, "unavailable-1", Map.of("items", List.of(Map.of("productId", product, "quantity", 1),
                Map.of("productId", unknown, "quantity", 1)), "shippingAddress", address(),
                "paymentMethod", Map.of("type", "card", "token", "tok_visa")))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:product-unavailable")
                .jsonPath("$.errors[0].field").isEqualTo("items[1].productId");
        assertThat(ordersOf(shopper)).isZero();
    }

    @Test
    void anOrderFromTheCartTakesItsLinesAndEmptiesIt() {
        Shopper shopper = newShopper();
        UUID apples = catalog().product("50.00");
        UUID pears = catalog().product("30.00");
        putInCart(shopper, apples, 2);
        putInCart(shopper, pears, 1);

        place(shopper, "cart-1", Map.of("fromCart", true, "shippingAddress", address(),
                "paymentMethod", Map.of("type", "card", "token", "tok_visa")))
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.total.amount").isEqualTo("130.00")
                .jsonPath("$.items.length()").isEqualTo(2);

        client.get().uri("/api/v1/cart").header("Authorization", "Bearer " + shopper.token()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        place(shopper, "cart-2", Map.of("fromCart", true, "shippingAddress", address(),
                "paymentMethod", Map.of("type", "card", "token", "tok_visa")))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:cart-empty");
    }

    @Test
    void withoutATokenNothingIsPlaced() {
        client.post().uri("/api/v1/orders").header("Idempotency-Key", "anon")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(orderOf(UUID.randomUUID(), 1, "tok_visa"))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    private void putInCart(Shopper shopper, UUID product, int quantity) {
        client.put().uri("/api/v1/cart/items/{id}", product).header("Authorization", "Bearer " + shopper.token())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", quantity)).exchange()
                .expectStatus().isOk();
    }

    private long ordersOf(Shopper shopper) {
        return db.sql("SELECT count(*) AS n FROM customer_order WHERE user_id = :user").bind("user", shopper.id())
                .map(row -> row.get("n", Long.class)).one().blockOptional().orElse(0L);
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

}
