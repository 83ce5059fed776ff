package com.fruitfulplanet.payment.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.events.payment.PaymentAuthorized;
import com.fruitfulplanet.contracts.events.payment.PaymentCaptured;
import com.fruitfulplanet.payment.PaymentIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a crash leaves behind, and how reconciliation picks it up: rows written as the service would have written
 * them before dying (no processor will ever be started for them), then settled by the running reconciliation.
 */
class ReconciliationIT extends PaymentIntegrationTest {

    @Test
    void aTransactionWhoseProcessorNeverRanIsExecuted() {
        // Died after the command's commit, before the processor claimed the authorization.
        UUID order = UUID.randomUUID();
        pendingPayment(order, "tok_visa", "at", "now() - interval '1 minute'");

        PaymentAuthorized authorized = awaitEvents(PaymentAuthorized.class, order, 1).getFirst();
        assertThat(authorized.amount()).isEqualTo(rub("25.00"));
        assertThat(payment(order).status()).isEqualTo("AUTHORIZED");
        assertThat(sandboxCharges(order)).singleElement()
                .satisfies(charge -> assertThat(charge.calls()).isEqualTo(1));
    }

    @Test
    void anAttemptTheProviderNeverReceivedIsMadeAgainWithTheSameKey() {
        // Died after claiming (attempted), before the call reached the provider: the sandbox has no record.
        UUID order = UUID.randomUUID();
        pendingPayment(order, "tok_visa", "attempted_at", "now() - interval '1 minute'");

        awaitEvents(PaymentAuthorized.class, order, 1);
        TransactionRow authorization = transactions(order).getFirst();
        assertThat(authorization.status()).isEqualTo("SUCCEEDED");
        assertThat(authorization.attempts()).isEqualTo(2);
        assertThat(sandboxCharges(order)).singleElement().satisfies(charge -> {
            assertThat(charge.idempotencyKey()).isEqualTo("order:" + order + ":authorize");
            assertThat(charge.calls()).isEqualTo(1);
        });
    }

    @Test
    void theQueueBehindASettledTransactionGoesOn() {
        // A capture recorded behind an authorization that was in flight when the process died.
        UUID order = UUID.randomUUID();
        UUID payment = pendingPayment(order, "tok_visa", "attempted_at", "now() - interval '1 minute'");
        db.sql("""
                        INSERT INTO payment_transaction (id, payment_id, type, amount, currency, status, idempotency_key)
                        VALUES (:id, :payment, 'CAPTURE', 25.00, 'RUB', 'PENDING', :key)""")
                .bind("id", UUID.randomUUID()).bind("payment", payment).bind("key", "order:" + order + ":capture")
                .then().block();

        awaitEvents(PaymentCaptured.class, order, 1);
        assertThat(eventTypes(order)).containsExactly("PaymentAuthorized", "PaymentCaptured");
        assertThat(payment(order).status()).isEqualTo("CAPTURED");
    }

    /** A PENDING payment of 25.00 RUB with its PENDING authorization, {@code column} set to {@code value}. */
    private UUID pendingPayment(UUID order, String cardToken, String column, String value) {
        UUID payment = UUID.randomUUID();
        db.sql("""
                        INSERT INTO payment (id, order_id, user_id, status, amount, currency, provider, card_token)
                        VALUES (:payment, :order, :user, 'PENDING', 25.00, 'RUB', 'sandbox', :card)""")
                .bind("payment", payment).bind("order", order).bind("user", UUID.randomUUID())
                .bind("card", cardToken).then().block();
        db.sql("""
                        INSERT INTO payment_transaction (id, payment_id, type, amount, currency, status, idempotency_key,
                                                         attempts, %s)
                        VALUES (:id, :payment, 'AUTHORIZE', 25.00, 'RUB', 'PENDING', :key, %d, %s)"""
                        .formatted(column, column.equals("attempted_at") ? 1 : 0, value))
                .bind("id", UUID.randomUUID()).bind("payment", payment).bind("key", "order:" + order + ":authorize")
                .then().block();
        return payment;
    }
}
