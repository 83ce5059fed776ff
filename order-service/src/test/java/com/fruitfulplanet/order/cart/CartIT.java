package com.fruitfulplanet.order.cart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.events.catalog.PriceChanged;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.order.OrderIntegrationTest;
import com.fruitfulplanet.order.catalog.CatalogEvents;
import com.fruitfulplanet.platform.events.EventsKafkaProducer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The cart over HTTP, in the real Redis, priced from the product read model, whose products come through Kafka as
 * catalog-service's events.
 */
class CartIT extends OrderIntegrationTest {

    @Autowired
    private EventsKafkaProducer producer;

    @Autowired
    private ReactiveStringRedisTemplate redis;

    @Autowired
    private Carts carts;

    @Autowired
    private MeterRegistry meters;

    private CatalogEvents catalog;
    private Shopper shopper;

    @BeforeEach
    void setUp() {
        catalog = new CatalogEvents(producer, db);
        shopper = newShopper();
    }

    @Test
    void linesAreAddedChangedRemovedAndClearedWithTheCatalogsPrices() {
        UUID apples = catalog.product("129.90");
        UUID juice = catalog.product("10.00");

        Cart afterApples = put(shopper, apples, 2).expectStatus().isOk().expectBody(Cart.class).returnResult()
                .getResponseBody();
        assertThat(afterApples).isEqualTo(new Cart(List.of(available(apples, 2, "129.90", "259.80")), rub("259.80")));

        put(shopper, juice, 3).expectStatus().isOk();
        put(shopper, apples, 5).expectStatus().isOk();
        // Lines keep the order they were added in; a changed quantity does not move its line.
        assertThat(get(shopper)).isEqualTo(new Cart(List.of(available(apples, 5, "129.90", "649.50"),
                available(juice, 3, "10.00", "30.00")), rub("679.50")));
        assertThat(carts.lines(shopper.id()).block())
                .containsExactly(new CartLine(apples, 5), new CartLine(juice, 3));

        Cart afterRemove = put(shopper, apples, 0).expectStatus().isOk().expectBody(Cart.class).returnResult()
                .getResponseBody();
        assertThat(afterRemove).isEqualTo(new Cart(List.of(available(juice, 3, "10.00", "30.00")), rub("30.00")));

        client.delete().uri("/api/v1/cart").headers(h -> h.setBearerAuth(shopper.token())).exchange()
                .expectStatus().isNoContent().expectBody().isEmpty();
        assertThat(get(shopper)).isEqualTo(new Cart(List.of(), rub("0.00")));
        assertThat(redis.hasKey(Carts.key(shopper.id())).block()).isFalse();
    }

    @Test
    void theLeadsApiListsAndClearsACart() {
        UUID product = catalog.product("1.00");
        assertThat(carts.lines(shopper.id()).block()).isEmpty();
        put(shopper, product, 7).expectStatus().isOk();

        assertThat(carts.lines(shopper.id()).block()).containsExactly(new CartLine(product, 7));
        carts.clear(shopper.id()).block();
        assertThat(carts.lines(shopper.id()).block()).isEmpty();
        assertThat(get(shopper).items()).isEmpty();
    }

    @Test
    void aPriceChangeInTheCatalogIsWhatTheCartShowsNext() {
        UUID product = catalog.product("100.00");
        put(shopper, product, 3).expectStatus().isOk();

        catalog.applied(new PriceChanged(product, Money.of("100.00", "RUB"), Money.of("120.00", "RUB"),
                CatalogEvents.now()));

        assertThat(get(shopper)).isEqualTo(new Cart(List.of(available(product, 3, "120.00", "360.00")),
                rub("360.00")));
    }

    @Test
    void unknownInactiveOrDeletedProductsCannotBeAdded() {
        UUID unknown = UUID.randomUUID();
        UUID inactive = UUID.randomUUID();
        catalog.applied(CatalogEvents.upserted(inactive, Money.of("5.00", "RUB"), false, CatalogEvents.now()));
        UUID deleted = catalog.product("5.00");
        catalog.applied(new ProductDeleted(deleted, "FP-DEL", CatalogEvents.now()));

        for (UUID product : List.of(unknown, inactive, deleted)) {
            put(shopper, product, 1).expectStatus().isEqualTo(422)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:product-unavailable")
                    .jsonPath("$.productId").isEqualTo(product.toString());
        }
        assertThat(redis.hasKey(Carts.key(shopper.id())).block()).isFalse();
        assertThat(meters.counter("fruitfulplanet.order.cart.operations", "operation", "set",
                "outcome", "product-unavailable").count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aProductThatBecameUnavailableIsFlaggedOutsideTheTotalAndCanBeRemoved() {
        UUID kept = catalog.product("10.00");
        UUID gone = catalog.product("99.00");
        put(shopper, kept, 1).expectStatus().isOk();
        put(shopper, gone, 2).expectStatus().isOk();

        catalog.applied(new ProductDeleted(gone, "FP-GONE", CatalogEvents.now()));

        assertThat(get(shopper)).isEqualTo(new Cart(List.of(available(kept, 1, "10.00", "10.00"),
                new Item(gone, 2, null, null, false)), rub("10.00")));
        // What the order is placed from: the line is still there, the order decides about it.
        assertThat(carts.lines(shopper.id()).block()).containsExactly(new CartLine(kept, 1), new CartLine(gone, 2));

        put(shopper, gone, 0).expectStatus().isOk();
        assertThat(get(shopper).items()).extracting(Item::productId).containsExactly(kept);
    }

    @Test
    void badQuantitiesAndIdsAreFieldErrors() {
        UUID product = catalog.product("1.00");
        for (String body : List.of("{\"quantity\": -1}", "{\"quantity\": 1000}", "{}", "{\"quantity\": null}",
                "{\"quantity\": 1.5}", "{\"quantity\": 99999999999999999999}")) {
            client.put().uri("/api/v1/cart/items/{id}", product).headers(h -> h.setBearerAuth(shopper.token()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:validation-failed")
                    .jsonPath("$.errors[0].field").isEqualTo("quantity");
        }
        for (String body : List.of("{\"quantity\": \"many\"}", "not json")) {
            client.put().uri("/api/v1/cart/items/{id}", product).headers(h -> h.setBearerAuth(shopper.token()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:bad-request");
        }
        client.put().uri("/api/v1/cart/items/not-a-uuid").headers(h -> h.setBearerAuth(shopper.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"quantity\": 1}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:bad-request");
        assertThat(redis.hasKey(Carts.key(shopper.id())).block()).isFalse();
    }

    @Test
    void anotherUsersCartIsTheirOwn() {
        UUID apples = catalog.product("2.00");
        UUID pears = catalog.product("3.00");
        Shopper other = newShopper();

        put(shopper, apples, 1).expectStatus().isOk();
        assertThat(get(other).items()).isEmpty();
        put(other, pears, 4).expectStatus().isOk();
        client.delete().uri("/api/v1/cart").headers(h -> h.setBearerAuth(other.token())).exchange()
                .expectStatus().isNoContent();

        assertThat(get(shopper).items()).extracting(Item::productId).containsExactly(apples);
        assertThat(get(other).items()).isEmpty();
    }

    @Test
    void everyChangeStartsTheCartsExpiryAgain() {
        UUID apples = catalog.product("2.00");
        UUID pears = catalog.product("3.00");
        String key = Carts.key(shopper.id());

        put(shopper, apples, 1).expectStatus().isOk();
        assertThat(ttl(key)).isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30));

        redis.expire(key, Duration.ofMinutes(1)).block();
        put(shopper, pears, 1).expectStatus().isOk();
        assertThat(ttl(key)).isGreaterThan(Duration.ofDays(29));

        redis.expire(key, Duration.ofMinutes(1)).block();
        put(shopper, pears, 0).expectStatus().isOk();
        assertThat(ttl(key)).isGreaterThan(Duration.ofDays(29));

        // Reading is not a change.
        redis.expire(key, Duration.ofMinutes(1)).block();
        get(shopper);
        assertThat(ttl(key)).isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void concurrentChangesOfDifferentLinesAreAllKept() throws Exception {
        List<UUID> products = catalog.products(20, "1.50");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(products.size())) {
            for (int i = 0; i < products.size(); i++) {
                UUID product = products.get(i);
                int quantity = i + 1;
                answers.add(threads.submit(() -> {
                    start.await();
                    return put(shopper, product, quantity).returnResult(String.class).getStatus().value();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }

        Cart cart = get(shopper);
        assertThat(cart.items()).hasSize(20);
        assertThat(cart.items()).allMatch(item -> item.quantity() == products.indexOf(item.productId()) + 1);
        // 1.50 * (1 + 2 + ... + 20)
        assertThat(cart.total()).isEqualTo(rub("315.00"));
    }

    @Test
    void aCartHoldsAtMostMaxLinesProducts() {
        String key = Carts.key(shopper.id());
        List<UUID> earlier = IntStream.range(0, 100).mapToObj(i -> UUID.randomUUID()).toList();
        Map<String, String> lines = new java.util.HashMap<>();
        earlier.forEach(id -> lines.put(id.toString(), "1:1"));
        redis.opsForHash().putAll(key, lines).block();
        UUID product = catalog.product("1.00");

        put(shopper, product, 1).expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:cart-full")
                .jsonPath("$.maxLines").isEqualTo(100);

        put(shopper, earlier.getFirst(), 0).expectStatus().isOk();
        Cart cart = put(shopper, product, 1).expectStatus().isOk().expectBody(Cart.class).returnResult()
                .getResponseBody();
        assertThat(cart.items()).hasSize(100);
        assertThat(cart.total()).isEqualTo(rub("1.00"));
    }

    @Test
    void productsInAnotherCurrencyAreNotAddedUp() {
        UUID roubles = catalog.product("10.00");
        UUID dollars = catalog.product(Money.of("1.00", "USD"));
        put(shopper, roubles, 1).expectStatus().isOk();

        put(shopper, dollars, 1).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:mixed-currencies");

        // A price change into another currency after both were added: no total, a clear problem instead.
        UUID later = catalog.product("20.00");
        put(shopper, later, 1).expectStatus().isOk();
        catalog.applied(new PriceChanged(later, Money.of("20.00", "RUB"), Money.of("2.00", "USD"),
                CatalogEvents.now()));
        client.get().uri("/api/v1/cart").headers(h -> h.setBearerAuth(shopper.token())).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:mixed-currencies");

        // Taking out one currency's lines makes it a cart again.
        Cart cart = put(shopper, later, 0).expectStatus().isOk().expectBody(Cart.class).returnResult()
                .getResponseBody();
        assertThat(cart.total()).isEqualTo(rub("10.00"));
    }

    @Test
    void theCartNeedsAToken() {
        UUID product = UUID.randomUUID();
        client.get().uri("/api/v1/cart").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.put().uri("/api/v1/cart/items/{id}", product).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"quantity\": 1}").exchange().expectStatus().isUnauthorized();
        client.delete().uri("/api/v1/cart").exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/v1/cart").headers(h -> h.setBearerAuth("not-a-token")).exchange()
                .expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec put(Shopper who, UUID product, int quantity) {
        return client.put().uri("/api/v1/cart/items/{id}", product).headers(h -> h.setBearerAuth(who.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", quantity)).exchange();
    }

    private Cart get(Shopper who) {
        return client.get().uri("/api/v1/cart").headers(h -> h.setBearerAuth(who.token())).exchange()
                .expectStatus().isOk().expectBody(Cart.class).returnResult().getResponseBody();
    }

    private Duration ttl(String key) {
        return redis.getExpire(key).block();
    }

    private static Item available(UUID product, int quantity, String unitPrice, String lineTotal) {
        return new Item(product, quantity, rub(unitPrice), rub(lineTotal), true);
    }

    private static Money rub(String amount) {
        return Money.of(amount, "RUB");
    }

    /** The response as a client reads it. */
    record Cart(List<Item> items, Money total) {
    }

    record Item(UUID productId, int quantity, Money unitPrice, Money lineTotal, boolean available) {
    }
}
