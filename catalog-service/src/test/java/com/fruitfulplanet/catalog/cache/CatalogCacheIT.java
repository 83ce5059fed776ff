package com.fruitfulplanet.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.CatalogFixtures;
import com.fruitfulplanet.catalog.CatalogIntegrationTest;
import com.fruitfulplanet.catalog.CatalogServiceApplication;
import com.fruitfulplanet.catalog.product.ProductView;
import com.fruitfulplanet.catalog.product.Products;
import com.fruitfulplanet.contracts.events.catalog.PriceChanged;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import com.fruitfulplanet.platform.test.RealInfrastructureInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The read cache against real Redis, with a second catalog-service instance beside the test's own: hits and misses,
 * invalidation by events seen by both instances, the race a load can lose, no stampede, manual eviction.
 */
class CatalogCacheIT extends CatalogIntegrationTest {

    static ConfigurableApplicationContext secondInstance;
    static WebTestClient second;

    @Autowired
    CatalogCache cache;

    @Autowired
    Products products;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void startSecondInstance() {
        secondInstance = new SpringApplicationBuilder(CatalogServiceApplication.class)
                .initializers(new RealInfrastructureInitializer())
                .properties("server.port=0", "server.address=127.0.0.1",
                        "fruitfulplanet.security.jwt.jwk-set-uri=" + TOKENS.jwkSetUri())
                .run();
        int port = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
        second = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopSecondInstance() {
        if (secondInstance != null) {
            secondInstance.close();
        }
    }

    @Test
    void aPriceChangeEventInvalidatesTheProductInEveryInstance() throws InterruptedException {
        UUID product = newProduct("100.00");
        assertPrice(client, product, "100.00");
        assertPrice(second, product, "100.00");

        // Change the row behind the cache's back: both instances keep serving the cached price...
        db.sql("UPDATE product SET price_amount = 80.00 WHERE id = :id").bind("id", product).then().block();
        assertPrice(client, product, "100.00");
        assertPrice(second, product, "100.00");

        // ...until the change's event is processed; from then on neither serves the old price.
        transactions.transactional(outbox.append(new PriceChanged(product, Money.of("100.00", "RUB"),
                Money.of("80.00", "RUB"), Instant.now()))).block();
        awaitPrice(client, product, "80.00");
        assertPrice(second, product, "80.00");
    }

    @Test
    void listingPagesAreCachedUntilAProductOfTheCatalogChanges() throws InterruptedException {
        UUID brand = fixtures().brand(fixtures().sector());
        UUID product = fixtures().product(brand, CatalogFixtures.uniqueSku("LIST"), "Listed", "", "70.00", 1);
        String page = "/api/v1/products?brand=" + brand + "&sort=price";
        assertFirstPrice(client, page, "70.00");
        db.sql("UPDATE product SET price_amount = 60.00 WHERE id = :id").bind("id", product).then().block();
        assertFirstPrice(second, page, "70.00");

        transactions.transactional(outbox.append(new PriceChanged(product, Money.of("70.00", "RUB"),
                Money.of("60.00", "RUB"), Instant.now()))).block();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!firstPrice(client, page).equals("60.00") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFirstPrice(client, page, "60.00");
        assertFirstPrice(second, page, "60.00");
    }

    @Test
    void aWriteThroughEitherInstanceIsReadAtOnceThroughTheOther() {
        UUID product = newProduct("50.00");
        assertPrice(client, product, "50.00");
        assertPrice(second, product, "50.00");
        second.patch().uri("/api/v1/products/" + product).headers(h -> h.setBearerAuth(managerToken()))
                .bodyValue(Map.of("price", Map.of("amount", "45.00", "currency", "RUB")))
                .exchange().expectStatus().isOk();
        assertPrice(client, product, "45.00");
    }

    @Test
    void aLoadThatRacedWithAChangeDoesNotPutTheOldValueBack() {
        UUID product = newProduct("10.00");
        ProductView old = products.byId(product).block();
        AtomicInteger loads = new AtomicInteger();
        // The load reads the old row, then the change and its invalidation happen before the load stores it.
        Mono<ProductView> slowLoad = Mono.defer(() -> {
            loads.incrementAndGet();
            return cache.evictProduct(product, "test").thenReturn(old);
        });
        assertThat(cache.product(product, () -> slowLoad).block()).isEqualTo(old);
        ProductView fresh = new ProductView(old.id(), old.sku(), old.name(), old.description(), old.brandId(),
                old.sectorId(), Money.of("9.00", "RUB"), old.prices(), old.availableQuantity(), old.images(),
                old.attributes(), old.status(), old.externalId(), old.version() + 1, old.createdAt(),
                old.updatedAt());
        assertThat(cache.product(product, () -> Mono.just(fresh)).block()).isEqualTo(fresh);
        // The fresh one was stored (its load found the generation unchanged): now it is a hit.
        assertThat(cache.product(product, () -> Mono.error(new AssertionError("should be a hit"))).block())
                .isEqualTo(fresh);
        assertThat(loads).hasValue(1);
    }

    @Test
    void concurrentMissesOfOneKeyShareOneLoad() {
        UUID product = newProduct("20.00");
        ProductView view = products.byId(product).block();
        AtomicInteger loads = new AtomicInteger();
        Mono<ProductView> load = Mono.defer(() -> {
            loads.incrementAndGet();
            return Mono.just(view).delayElement(Duration.ofMillis(200));
        });
        double missesBefore = count("product", "miss");
        double hitsBefore = count("product", "hit");
        Flux.range(0, 50).flatMap(i -> cache.product(product, () -> load), 50).collectList().block();
        assertThat(loads).hasValue(1);
        assertThat(count("product", "miss") - missesBefore).isEqualTo(50);
        cache.product(product, () -> load).block();
        assertThat(count("product", "hit") - hitsBefore).isEqualTo(1);
    }

    @Test
    void anAdminEvictsEverything() {
        UUID product = newProduct("30.00");
        assertPrice(client, product, "30.00");
        db.sql("UPDATE product SET price_amount = 31.00 WHERE id = :id").bind("id", product).then().block();
        assertPrice(client, product, "30.00");
        client.post().uri("/api/v1/admin/cache/evict").headers(h -> h.setBearerAuth(adminToken()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.scope").isEqualTo("all")
                .jsonPath("$.evictedKeys").value(keys -> assertThat(((Number) keys).longValue()).isPositive());
        assertPrice(client, product, "31.00");
        client.post().uri("/api/v1/admin/cache/evict").headers(h -> h.setBearerAuth(adminToken()))
                .bodyValue(Map.of("productIds", java.util.List.of("not-a-uuid")))
                .exchange().expectStatus().isBadRequest();
    }

    private UUID newProduct(String price) {
        UUID brand = fixtures().brand(fixtures().sector());
        return fixtures().product(brand, CatalogFixtures.uniqueSku("CACHE"), "Cached", "", price, 3);
    }

    private double count(String cacheName, String result) {
        var counter = meters.find("catalog.cache.requests").tags("cache", cacheName, "result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertPrice(WebTestClient client, UUID product, String amount) {
        client.get().uri("/api/v1/products/" + product).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.price.amount").isEqualTo(amount);
    }

    private static void assertFirstPrice(WebTestClient client, String page, String amount) {
        assertThat(firstPrice(client, page)).isEqualTo(amount);
    }

    private static String firstPrice(WebTestClient client, String page) {
        return client.get().uri(page).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody().get("items") instanceof java.util.List<?> items && !items.isEmpty()
                ? (String) ((Map<?, ?>) ((Map<?, ?>) items.getFirst()).get("price")).get("amount") : "none";
    }

    private static void awaitPrice(WebTestClient client, UUID product, String amount) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Map<?, ?> body = client.get().uri("/api/v1/products/" + product).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            if (amount.equals(((Map<?, ?>) body.get("price")).get("amount"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The price never became " + amount);
    }
}
