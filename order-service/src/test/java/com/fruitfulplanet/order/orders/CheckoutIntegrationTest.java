package com.fruitfulplanet.order.orders;

import static org.awaitility.Awaitility.await;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.EventCatalog;
import com.fruitfulplanet.contracts.events.EventJson;
import com.fruitfulplanet.contracts.events.EventMetadata;
import com.fruitfulplanet.order.OrderIntegrationTest;
import com.fruitfulplanet.order.catalog.CatalogEvents;
import com.fruitfulplanet.platform.events.EventsKafkaProducer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Checkout tests' helpers. The test plays catalog-service and payment-service at their contract: it reads the
 * saga's commands from order-service's outbox and sends their answers to Kafka the way their relays would, so each
 * saga step can be driven, repeated, delayed and reordered at will. (The whole platform, real services included,
 * runs in the e2e module.)
 */
abstract class CheckoutIntegrationTest extends OrderIntegrationTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    EventsKafkaProducer producer;

    CatalogEvents catalog() {
        return new CatalogEvents(producer, db);
    }

    static Map<String, Object> address() {
        return Map.of("recipient", "Anna Petrova", "phone", "+7 900 123-45-67", "line1", "Lenina 1, apt. 2",
                "city", "Moscow", "postalCode", "101000", "country", "RU");
    }

    static Map<String, Object> orderOf(UUID product, int quantity, String token) {
        return Map.of("items", List.of(Map.of("productId", product, "quantity", quantity)),
                "shippingAddress", address(), "paymentMethod", Map.of("type", "card", "token", token));
    }

    WebTestClient.ResponseSpec place(Shopper shopper, String key, Object body) {
        WebTestClient.RequestBodySpec post = client.post().uri("/api/v1/orders")
                .header("Authorization", "Bearer " + shopper.token())
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            post = post.header("Idempotency-Key", key);
        }
        return post.bodyValue(body).exchange();
    }

    /** Places an order of one product, paid with {@code token}, and returns its id. */
    UUID placed(Shopper shopper, UUID product, int quantity, String token) {
        Map<?, ?> body = place(shopper, UUID.randomUUID().toString(), orderOf(product, quantity, token))
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString((String) body.get("id"));
    }

    /** The commands or events of that type order-service sent about the order, oldest first. */
    <T extends DomainEvent> List<T> sent(Class<T> type, UUID orderId) {
        return db.sql("""
                        SELECT payload FROM outbox_event
                         WHERE event_type = :type AND event_key = :key ORDER BY id""")
                .bind("type", EventCatalog.of(type).name())
                .bind("key", orderId.toString())
                .map(row -> EventJson.read(row.get("payload", byte[].class), type))
                .all().collectList().block();
    }

    /** Sends an answer as {@code source} (catalog-service, payment-service) would; returns its envelope. */
    EventMetadata answer(String source, DomainEvent event) {
        EventMetadata metadata = new EventMetadata(UUID.randomUUID(), EventCatalog.of(event.getClass()).name(),
                EventMetadata.sourceOf(source), OffsetDateTime.now(), event.key(), null);
        redeliver(event, metadata);
        return metadata;
    }

    /** Sends the answer again with the same envelope: what a redelivery looks like. */
    void redeliver(DomainEvent event, EventMetadata metadata) {
        catalog().send(event, metadata);
    }

    /** Sends the answers and waits until the saga has handled each of them. */
    void answered(String source, DomainEvent... events) {
        List<UUID> ids = java.util.Arrays.stream(events).map(event -> answer(source, event).id()).toList();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> db.sql("""
                        SELECT count(*) AS n FROM inbox_event WHERE consumer = 'order-saga' AND event_id = ANY(:ids)""")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("n", Long.class)).one().block() == ids.size());
    }

    Order order(UUID id) {
        return orders.find(id).block();
    }

    Order awaitOrder(UUID id, Predicate<Order> condition) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> order(id), condition::test);
    }

    @Autowired
    Orders orders;
}
