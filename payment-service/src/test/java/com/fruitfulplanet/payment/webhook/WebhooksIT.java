package com.fruitfulplanet.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fruitfulplanet.contracts.events.payment.PaymentAuthorized;
import com.fruitfulplanet.contracts.events.payment.PaymentFailed;
import com.fruitfulplanet.payment.PaymentIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code POST /api/v1/payments/webhooks/sandbox}: a signed event settles a PENDING transaction (here a tok_timeout
 * authorization, before reconciliation's grace has passed), anything unsigned, mis-signed, stale or repeated changes
 * nothing.
 */
class WebhooksIT extends PaymentIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void aSignedAuthorizedEventSettlesAPendingAuthorization() {
        UUID order = pendingAuthorization();
        String reference = sandboxCharges(order).getFirst().reference();
        String body = event("evt_" + UUID.randomUUID(), "payment.authorized", order, reference, null);

        post(body, sign(body, Instant.now())).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("settled");

        PaymentAuthorized authorized = awaitEvents(PaymentAuthorized.class, order, 1).getFirst();
        assertThat(authorized.paymentId()).isEqualTo(payment(order).id());
        assertThat(payment(order).status()).isEqualTo("AUTHORIZED");
        assertThat(transactions(order).getFirst().providerReference()).isEqualTo(reference);
        assertThat(events(PaymentAuthorized.class, order)).hasSize(1);
    }

    @Test
    void aSignedDeclinedEventFailsThePayment() {
        UUID order = callInFlight();
        String body = event("evt_" + UUID.randomUUID(), "payment.declined", order, null, "Suspected fraud");

        post(body, sign(body, Instant.now())).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("settled");

        assertThat(awaitEvents(PaymentFailed.class, order, 1).getFirst().reason()).isEqualTo("Suspected fraud");
        assertThat(payment(order).status()).isEqualTo("FAILED");
    }

    @Test
    void aRepeatedEventIdHasNoEffect() {
        UUID order = callInFlight();
        String id = "evt_" + UUID.randomUUID();
        String declined = event(id, "payment.declined", order, null, "Do not honour");
        post(declined, sign(declined, Instant.now())).expectStatus().isOk();
        awaitEvents(PaymentFailed.class, order, 1);

        // The same id again, even with another body (a provider bug, or an attacker with a valid old signature).
        String authorized = event(id, "payment.authorized", order, "sbx_whatever", null);
        post(authorized, sign(authorized, Instant.now())).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("duplicate");

        assertThat(payment(order).status()).isEqualTo("FAILED");
        assertThat(eventTypes(order)).containsExactly("PaymentFailed");
    }

    @Test
    void badSignaturesStaleTimestampsAndMalformedHeadersAreRejectedAndChangeNothing() {
        UUID order = callInFlight();
        String id = "evt_" + UUID.randomUUID();
        String body = event(id, "payment.authorized", order, "sbx_authorize_in_flight", null);
        double rejectedBefore = rejected("webhook-signature-invalid");

        rejectedWith(post(body, WebhookSignature.sign("not-the-secret", Instant.now().getEpochSecond(),
                bytes(body))), HttpStatus.UNAUTHORIZED, "webhook-signature-invalid");
        String tampered = body.replace("payment.authorized", "payment.declined");
        rejectedWith(post(tampered, sign(body, Instant.now())), HttpStatus.UNAUTHORIZED, "webhook-signature-invalid");
        rejectedWith(post(body, sign(body, Instant.now().minusSeconds(301))), HttpStatus.UNAUTHORIZED,
                "webhook-timestamp-outside-tolerance");
        rejectedWith(post(body, sign(body, Instant.now().plusSeconds(301))), HttpStatus.UNAUTHORIZED,
                "webhook-timestamp-outside-tolerance");
        rejectedWith(post(body, null), HttpStatus.BAD_REQUEST, "webhook-signature-missing");
        rejectedWith(post(body, "v1=abc"), HttpStatus.BAD_REQUEST, "webhook-signature-malformed");
        rejectedWith(post(body, "t=" + Instant.now().getEpochSecond() + ",v1=zz"), HttpStatus.BAD_REQUEST,
                "webhook-signature-malformed");
        String notAnEvent = "{\"hello\": \"world\"}";
        rejectedWith(post(notAnEvent, sign(notAnEvent, Instant.now())), HttpStatus.BAD_REQUEST, "webhook-malformed");
        rejectedWith(client.post().uri("/api/v1/payments/webhooks/no-such-provider")
                .contentType(MediaType.APPLICATION_JSON).header(WebhookSignature.HEADER, sign(body, Instant.now()))
                .bodyValue(body).exchange(), HttpStatus.NOT_FOUND, "unknown-provider");

        assertThat(rejected("webhook-signature-invalid") - rejectedBefore).isEqualTo(2.0);
        assertThat(payment(order).status()).isEqualTo("PENDING");
        assertThat(transactions(order).getFirst().status()).isEqualTo("PENDING");
        assertThat(webhookEventSeen(id)).isFalse();
        assertThat(eventTypes(order)).isEmpty();

        // The genuine event, at the edge of the window, is taken.
        post(body, sign(body, Instant.now().minusSeconds(290))).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("settled");
        assertThat(webhookEventSeen(id)).isTrue();
        assertThat(eventTypes(order)).containsExactly("PaymentAuthorized");
    }

    @Test
    void anEventForAnUnknownKeyIsAcknowledgedAndIgnored() {
        String body = "{\"id\": \"evt_" + UUID.randomUUID() + "\", \"type\": \"payment.authorized\", \"data\": "
                + "{\"idempotencyKey\": \"order:" + UUID.randomUUID() + ":authorize\", \"reference\": \"x\"}}";
        post(body, sign(body, Instant.now())).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("unknown-transaction");
    }

    /** An order whose tok_timeout authorization has been called and is PENDING, well within reconciliation's grace. */
    private UUID pendingAuthorization() {
        UUID order = UUID.randomUUID();
        send(authorize(order, UUID.randomUUID(), "42.00", "tok_timeout"));
        await().atMost(PATIENCE).until(() -> payment(order) != null && transactions(order).getFirst().attempts() > 0);
        assertThat(transactions(order).getFirst().status()).isEqualTo("PENDING");
        return order;
    }

    private static String event(String id, String type, UUID order, String reference, String reason) {
        return """
                {"id": "%s", "type": "%s", "data": {"idempotencyKey": "order:%s:authorize"%s%s}}"""
                .formatted(id, type, order, reference == null ? "" : ", \"reference\": \"" + reference + "\"",
                        reason == null ? "" : ", \"reason\": \"" + reason + "\"");
    }

    private static String sign(String body, Instant at) {
        return WebhookSignature.sign(WEBHOOK_SECRET, at.getEpochSecond(), bytes(body));
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private WebTestClient.ResponseSpec post(String body, String signature) {
        return client.post().uri("/api/v1/payments/webhooks/sandbox")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (signature != null) {
                        h.set(WebhookSignature.HEADER, signature);
                    }
                })
                .bodyValue(bytes(body))
                .exchange();
    }

    private static void rejectedWith(WebTestClient.ResponseSpec response, HttpStatus status, String type) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:" + type);
    }

    private boolean webhookEventSeen(String eventId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM webhook_event WHERE provider = 'sandbox' AND event_id = :id) AS seen")
                .bind("id", eventId).map(row -> row.get("seen", Boolean.class)).one().block();
    }

    /**
     * A PENDING authorization whose provider call is still in flight, as far as anyone can tell: claimed with an
     * attempt time in the future, so neither a processor nor reconciliation touches it while the test runs.
     */
    private UUID callInFlight() {
        UUID order = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        db.sql("""
                        INSERT INTO payment (id, order_id, user_id, status, amount, currency, provider, card_token)
                        VALUES (:payment, :order, :user, 'PENDING', 42.00, 'RUB', 'sandbox', 'tok_visa')""")
                .bind("payment", payment).bind("order", order).bind("user", UUID.randomUUID()).then().block();
        db.sql("""
                        INSERT INTO payment_transaction (id, payment_id, type, amount, currency, status, idempotency_key,
                                                         attempted_at, attempts)
                        VALUES (:id, :payment, 'AUTHORIZE', 42.00, 'RUB', 'PENDING', :key,
                                now() + interval '1 hour', 1)""")
                .bind("id", UUID.randomUUID()).bind("payment", payment).bind("key", "order:" + order + ":authorize")
                .then().block();
        return order;
    }

    private double rejected(String reason) {
        var counter = meters.find("fruitfulplanet.payments.webhooks.rejected")
                .tags("provider", "sandbox", "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
