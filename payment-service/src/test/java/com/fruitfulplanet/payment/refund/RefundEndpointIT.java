package com.fruitfulplanet.payment.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.events.payment.PaymentRefunded;
import com.fruitfulplanet.payment.PaymentIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Mono;

/** {@code POST /api/v1/payments/{id}/refunds}: staff refunds with an Idempotency-Key. */
class RefundEndpointIT extends PaymentIntegrationTest {

    @Autowired
    private ConnectionFactory connections;

    @Autowired
    private MeterRegistry meters;

    @Test
    void aPartialRefundThenTheRestAreAnswered201WithTheSettledTransaction() {
        UUID order = UUID.randomUUID();
        UUID payment = captured(order, UUID.randomUUID(), "1000.00");
        double refundsBefore = refundCalls();

        client.post().uri("/api/v1/payments/{id}/refunds", payment)
                .headers(h -> h.setBearerAuth(managerToken())).header("Idempotency-Key", "refund-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": {\"amount\": \"250.00\", \"currency\": \"RUB\"}, \"reason\": \"damaged\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/api/v1/payments/" + payment)
                .expectBody()
                .jsonPath("$.type").isEqualTo("REFUND")
                .jsonPath("$.status").isEqualTo("SUCCEEDED")
                .jsonPath("$.amount.amount").isEqualTo("250.00")
                .jsonPath("$.amount.currency").isEqualTo("RUB")
                .jsonPath("$.reason").isEqualTo("damaged")
                .jsonPath("$.providerReference").value(ref -> assertThat(ref.toString()).startsWith("sbx_refund_"));
        assertThat(payment(order).status()).isEqualTo("PARTIALLY_REFUNDED");

        // No amount: all that is left.
        client.post().uri("/api/v1/payments/{id}/refunds", payment)
                .headers(h -> h.setBearerAuth(adminToken())).header("Idempotency-Key", "refund-2")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "order cancelled"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.amount.amount").isEqualTo("750.00");
        assertThat(payment(order).status()).isEqualTo("REFUNDED");
        PaymentRefunded last = awaitEvents(PaymentRefunded.class, order, 2).get(1);
        assertThat(last.refundedTotal()).isEqualTo(rub("1000.00"));
        assertThat(last.capturedAmount()).isEqualTo(rub("1000.00"));
        assertThat(refundCalls() - refundsBefore).isEqualTo(2.0);

        // Nothing left now: 422 with what may still be refunded.
        client.post().uri("/api/v1/payments/{id}/refunds", payment)
                .headers(h -> h.setBearerAuth(managerToken())).header("Idempotency-Key", "refund-3")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": {\"amount\": \"0.01\", \"currency\": \"RUB\"}, \"reason\": \"more\"}")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT); // REFUNDED: nothing captured is left to refund
    }

    @Test
    void theSameKeyAndBodyReplayTheAnswerAndAnotherBodyIs422() {
        UUID order = UUID.randomUUID();
        UUID payment = captured(order, UUID.randomUUID(), "100.00");
        String manager = managerToken();
        String body = "{\"amount\": {\"amount\": \"10.00\", \"currency\": \"RUB\"}, \"reason\": \"goodwill\"}";

        String first = refund(payment, manager, "key-1", body).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody();
        EntityExchangeResult<String> replay = refund(payment, manager, "key-1",
                "{\"reason\": \"goodwill\", \"amount\": {\"currency\": \"RUB\", \"amount\": \"10.00\"}}")
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).returnResult();
        assertThat(replay.getResponseBody()).isEqualTo(first);

        refund(payment, manager, "key-1", body.replace("10.00", "11.00"))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:idempotency-key-reused");

        assertThat(transactions(order)).filteredOn(t -> t.type().equals("REFUND")).singleElement()
                .satisfies(t -> assertThat(t.amount()).isEqualTo("10.00"));
        assertThat(sandboxCharges(order)).filteredOn(c -> c.operation().equals("REFUND")).hasSize(1);
        assertThat(events(PaymentRefunded.class, order)).hasSize(1);
    }

    @Test
    void theSameKeyWhileTheFirstRequestStillRunsIs409() throws Exception {
        UUID order = UUID.randomUUID();
        UUID payment = captured(order, UUID.randomUUID(), "100.00");
        String manager = managerToken();
        String body = "{\"amount\": {\"amount\": \"5.00\", \"currency\": \"RUB\"}, \"reason\": \"slow\"}";

        // Hold the payment's row lock, so the first request waits inside its work.
        Connection locker = Mono.from(connections.create()).block();
        try {
            Mono.from(locker.beginTransaction()).block();
            Mono.from(locker.createStatement("SELECT id FROM payment WHERE id = $1 FOR UPDATE").bind("$1", payment)
                    .execute()).flatMap(result -> Mono.from(result.getRowsUpdated())).block();
            CompletableFuture<Integer> firstStatus = CompletableFuture.supplyAsync(() -> refund(payment, manager,
                    "key-slow", body).returnResult(String.class).getStatus().value());
            awaitClaim("key-slow");

            refund(payment, manager, "key-slow", body)
                    .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                    .expectBody().jsonPath("$.type")
                    .isEqualTo("urn:fruitfulplanet:problem:idempotency-request-in-progress");

            Mono.from(locker.commitTransaction()).block();
            assertThat(firstStatus.get()).isEqualTo(201);
        } finally {
            Mono.from(locker.close()).block();
        }
        refund(payment, manager, "key-slow", body).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true");
        assertThat(transactions(order)).filteredOn(t -> t.type().equals("REFUND")).hasSize(1);
    }

    @Test
    void moreThanWasCapturedIs422WithTheRefundableAmountAndChangesNothing() {
        UUID order = UUID.randomUUID();
        UUID payment = captured(order, UUID.randomUUID(), "100.00");

        refund(payment, managerToken(), UUID.randomUUID().toString(),
                "{\"amount\": {\"amount\": \"100.01\", \"currency\": \"RUB\"}, \"reason\": \"too much\"}")
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:refund-exceeds-captured")
                .jsonPath("$.refundable.amount").isEqualTo("100.00")
                .jsonPath("$.refundable.currency").isEqualTo("RUB");
        assertThat(transactions(order)).extracting(TransactionRow::type).containsExactly("AUTHORIZE", "CAPTURE");
        assertThat(payment(order).status()).isEqualTo("CAPTURED");
    }

    @Test
    void anUncapturedPaymentIs409AndBadInputIs400() {
        UUID order = UUID.randomUUID();
        UUID payment = authorized(order, UUID.randomUUID(), "100.00");
        String manager = managerToken();

        refund(payment, manager, UUID.randomUUID().toString(), "{\"reason\": \"not yet\"}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:payment-not-captured");

        UUID capturedPayment = captured(UUID.randomUUID(), UUID.randomUUID(), "100.00");
        refund(capturedPayment, manager, UUID.randomUUID().toString(),
                "{\"amount\": {\"amount\": \"10.00\", \"currency\": \"EUR\"}, \"reason\": \"wrong currency\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("amount.currency");
        refund(capturedPayment, manager, UUID.randomUUID().toString(),
                "{\"amount\": {\"amount\": \"-1.00\", \"currency\": \"RUB\"}, \"reason\": \"negative\"}")
                .expectStatus().isBadRequest();
        refund(capturedPayment, manager, UUID.randomUUID().toString(), "{\"reason\": \"\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        refund(capturedPayment, manager, null, "{\"reason\": \"no key\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:idempotency-key-required");
        refund(UUID.randomUUID(), manager, UUID.randomUUID().toString(), "{\"reason\": \"no such payment\"}")
                .expectStatus().isNotFound();
        assertThat(transactions(order)).hasSize(1);
    }

    @Test
    void onlyStaffRefund() {
        UUID customer = UUID.randomUUID();
        UUID payment = captured(UUID.randomUUID(), customer, "100.00");

        refund(payment, customerToken(customer), UUID.randomUUID().toString(), "{\"reason\": \"mine\"}")
                .expectStatus().isForbidden();
        client.post().uri("/api/v1/payments/{id}/refunds", payment).header("Idempotency-Key", "k")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"anonymous\"}")
                .exchange().expectStatus().isUnauthorized();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec refund(UUID payment, String token,
            String key, String body) {
        return client.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .post().uri("/api/v1/payments/{id}/refunds", payment)
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (key != null) {
                        h.set("Idempotency-Key", key);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    private void awaitClaim(String key) {
        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> db.sql(
                        "SELECT count(*) AS n FROM idempotent_request WHERE idempotency_key = :key")
                .bind("key", key).map(row -> row.get("n", Long.class)).one().block() == 1);
    }

    private double refundCalls() {
        var counter = meters.find("fruitfulplanet.payments.operations")
                .tags("provider", "sandbox", "operation", "refund", "outcome", "succeeded").counter();
        return counter == null ? 0 : counter.count();
    }
}
