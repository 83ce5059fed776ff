package com.fruitfulplanet.payment;

import static org.awaitility.Awaitility.await;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.EventCatalog;
import com.fruitfulplanet.contracts.events.EventEnvelope;
import com.fruitfulplanet.contracts.events.EventJson;
import com.fruitfulplanet.contracts.events.EventMetadata;
import com.fruitfulplanet.contracts.events.EventType;
import com.fruitfulplanet.contracts.events.payment.AuthorizePayment;
import com.fruitfulplanet.contracts.events.payment.CapturePayment;
import com.fruitfulplanet.contracts.events.payment.PaymentAuthorized;
import com.fruitfulplanet.contracts.events.payment.PaymentCaptured;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.platform.events.EventsKafkaProducer;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import com.fruitfulplanet.platform.test.security.TestTokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of payment-service's integration tests: the whole service against real PostgreSQL, Kafka and Redis, with
 * {@link TestTokens} playing auth-service, saga commands sent through Kafka as order-service's outbox relay sends
 * them, and what the service did read from its tables (ledger, outbox, the sandbox's books). Every subclass shares
 * one application context; each test uses its own orders. The provider timeout is short (500 ms) and reconciliation
 * runs every second for transactions pending longer than 2 s, so timeouts settle within seconds.
 */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
public abstract class PaymentIntegrationTest {

    protected static final TestTokens TOKENS = new TestTokens();
    protected static final String WEBHOOK_SECRET = "whsec_test_" + UUID.randomUUID();
    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("fruitfulplanet.security.jwt.jwk-set-uri", TOKENS::jwkSetUri);
        registry.add("fruitfulplanet.payment.providers.sandbox.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("fruitfulplanet.payment.provider-timeout", () -> "500ms");
        registry.add("fruitfulplanet.payment.reconciliation.interval", () -> "1s");
        registry.add("fruitfulplanet.payment.reconciliation.grace", () -> "2s");
        registry.add("fruitfulplanet.payment.reconciliation.gauge-interval", () -> "1s");
    }

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    private EventsKafkaProducer producer;

    protected static Money rub(String amount) {
        return Money.of(amount, "RUB");
    }

    /** Sends a saga command as order-service would: a new event on its topic, keyed by the order. */
    protected EventMetadata send(DomainEvent command) {
        EventType<?> type = EventCatalog.of(command.getClass());
        EventMetadata metadata = new EventMetadata(UUID.randomUUID(), type.name(),
                EventMetadata.sourceOf("order-service"), OffsetDateTime.now(), command.key(), null);
        return send(command, metadata);
    }

    /** Sends the command with this envelope: the same metadata again is a redelivery of the same event. */
    protected EventMetadata send(DomainEvent command, EventMetadata metadata) {
        try {
            producer.template().send(EventEnvelope.toProducerRecord(EventCatalog.of(command.getClass()).topic().name(),
                    command.key(), metadata, EventJson.write(command))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return metadata;
    }

    protected AuthorizePayment authorize(UUID orderId, UUID customerId, String amount, String cardToken) {
        return new AuthorizePayment(orderId, customerId, rub(amount), null, cardToken);
    }

    /** An order whose payment is authorized with tok_visa (waited for); returns its payment id. */
    protected UUID authorized(UUID orderId, UUID customerId, String amount) {
        send(authorize(orderId, customerId, amount, "tok_visa"));
        awaitEvents(PaymentAuthorized.class, orderId, 1);
        return payment(orderId).id();
    }

    /** An order whose payment is authorized and captured (waited for); returns its payment id. */
    protected UUID captured(UUID orderId, UUID customerId, String amount) {
        UUID payment = authorized(orderId, customerId, amount);
        send(new CapturePayment(orderId));
        awaitEvents(PaymentCaptured.class, orderId, 1);
        return payment;
    }

    /** The events of that type in the outbox for the order, oldest first. */
    protected <T extends DomainEvent> List<T> events(Class<T> type, UUID orderId) {
        return db.sql("SELECT payload FROM outbox_event WHERE event_type = :type AND event_key = :key ORDER BY id")
                .bind("type", EventCatalog.of(type).name()).bind("key", orderId.toString())
                .map(row -> EventJson.read(row.get("payload", byte[].class), type))
                .all().collectList().block();
    }

    /** All events in the outbox for the order, by type name, oldest first. */
    protected List<String> eventTypes(UUID orderId) {
        return db.sql("SELECT event_type FROM outbox_event WHERE event_key = :key ORDER BY id")
                .bind("key", orderId.toString())
                .map(row -> row.get("event_type", String.class).replaceAll("^com\\.fruitfulplanet\\.\\w+\\.|\\.v1$", ""))
                .all().collectList().block();
    }

    protected <T extends DomainEvent> List<T> awaitEvents(Class<T> type, UUID orderId, int count) {
        await().atMost(PATIENCE).until(() -> events(type, orderId).size() >= count);
        return events(type, orderId);
    }

    /** The order's payment row, null when it has none. */
    protected PaymentRow payment(UUID orderId) {
        return db.sql("SELECT id, status, amount::text AS amount, user_id FROM payment WHERE order_id = :order")
                .bind("order", orderId)
                .map(row -> new PaymentRow(row.get("id", UUID.class), row.get("status", String.class),
                        row.get("amount", String.class), row.get("user_id", UUID.class)))
                .one().block();
    }

    /** The order's ledger, oldest first. */
    protected List<TransactionRow> transactions(UUID orderId) {
        return db.sql("""
                        SELECT t.type, t.status, t.amount::text AS amount, t.idempotency_key, t.provider_reference,
                               t.failure_reason, t.attempts
                          FROM payment_transaction t JOIN payment p ON p.id = t.payment_id
                         WHERE p.order_id = :order ORDER BY t.seq""")
                .bind("order", orderId)
                .map(row -> new TransactionRow(row.get("type", String.class), row.get("status", String.class),
                        row.get("amount", String.class), row.get("idempotency_key", String.class),
                        row.get("provider_reference", String.class), row.get("failure_reason", String.class),
                        row.get("attempts", Integer.class)))
                .all().collectList().block();
    }

    /** The sandbox's books for the order: what it did under each of the order's keys. */
    protected List<SandboxCharge> sandboxCharges(UUID orderId) {
        return db.sql("""
                        SELECT idempotency_key, operation, outcome, reference, calls FROM sandbox_charge
                         WHERE idempotency_key LIKE :prefix ORDER BY created_at""")
                .bind("prefix", "order:" + orderId + ":%")
                .map(row -> new SandboxCharge(row.get("idempotency_key", String.class),
                        row.get("operation", String.class), row.get("outcome", String.class),
                        row.get("reference", String.class), row.get("calls", Integer.class)))
                .all().collectList().block();
    }

    /** How many of these events the payment-commands consumer has taken (its inbox rows). */
    protected long consumed(List<EventMetadata> sent) {
        return db.sql("SELECT count(*) AS n FROM inbox_event WHERE consumer = 'payment-commands' AND event_id = ANY(:ids)")
                .bind("ids", sent.stream().map(EventMetadata::id).toArray(UUID[]::new))
                .map(row -> row.get("n", Long.class)).one().block();
    }

    protected static String customerToken(UUID customerId) {
        return TOKENS.sign(TestTokens.claims(customerId.toString()).build());
    }

    protected static String managerToken() {
        return TOKENS.withRoles("MANAGER");
    }

    protected static String adminToken() {
        return TOKENS.withRoles("ADMIN");
    }

    public record PaymentRow(UUID id, String status, String amount, UUID userId) {
    }

    public record TransactionRow(String type, String status, String amount, String idempotencyKey,
                                 String providerReference, String failureReason, int attempts) {
    }

    public record SandboxCharge(String idempotencyKey, String operation, String outcome, String reference,
                                int calls) {
    }
}
