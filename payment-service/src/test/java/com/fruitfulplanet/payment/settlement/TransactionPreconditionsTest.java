package com.fruitfulplanet.payment.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.payment.ledger.LedgerTotals;
import com.fruitfulplanet.payment.ledger.LedgerTransaction;
import com.fruitfulplanet.payment.ledger.Payment;
import com.fruitfulplanet.payment.ledger.PaymentStatus;
import com.fruitfulplanet.payment.ledger.TransactionStatus;
import com.fruitfulplanet.payment.ledger.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whether a queued transaction still applies to its payment when its turn comes. */
class TransactionPreconditionsTest {

    private static final Money HUNDRED = Money.of("100.00", "RUB");

    @Test
    void authorizationOnlyOfAPendingPayment() {
        assertThat(work(PaymentStatus.PENDING, TransactionType.AUTHORIZE, HUNDRED, totals("0", "0")).whyNotExecutable())
                .isEmpty();
        assertThat(work(PaymentStatus.VOIDED, TransactionType.AUTHORIZE, HUNDRED, totals("0", "0")).whyNotExecutable())
                .isPresent();
    }

    @Test
    void voidAndCaptureOnlyOfAnAuthorizedPayment() {
        for (TransactionType type : new TransactionType[] {TransactionType.VOID, TransactionType.CAPTURE}) {
            assertThat(work(PaymentStatus.AUTHORIZED, type, HUNDRED, totals("0", "0")).whyNotExecutable()).isEmpty();
            for (PaymentStatus status : new PaymentStatus[] {PaymentStatus.FAILED, PaymentStatus.VOIDED,
                    PaymentStatus.CAPTURED, PaymentStatus.REFUNDED}) {
                assertThat(work(status, type, HUNDRED, totals("0", "0")).whyNotExecutable()).as(type + " " + status)
                        .isPresent();
            }
        }
        assertThat(work(PaymentStatus.FAILED, TransactionType.VOID, HUNDRED, totals("0", "0")).whyNotExecutable())
                .contains("nothing to void: the authorization failed");
    }

    @Test
    void refundsNeverAddUpToMoreThanTheCapture() {
        Money seventy = Money.of("70.00", "RUB");
        assertThat(work(PaymentStatus.CAPTURED, TransactionType.REFUND, seventy, totals("100.00", "0"))
                .whyNotExecutable()).isEmpty();
        assertThat(work(PaymentStatus.PARTIALLY_REFUNDED, TransactionType.REFUND, seventy, totals("100.00", "30.00"))
                .whyNotExecutable()).isEmpty();
        assertThat(work(PaymentStatus.PARTIALLY_REFUNDED, TransactionType.REFUND, seventy, totals("100.00", "30.01"))
                .whyNotExecutable()).contains("refunds would exceed what was captured");
        assertThat(work(PaymentStatus.AUTHORIZED, TransactionType.REFUND, seventy, totals("0", "0"))
                .whyNotExecutable()).isPresent();
    }

    private static LedgerTotals totals(String captured, String refunded) {
        return new LedgerTotals(new BigDecimal(captured), BigDecimal.ZERO, new BigDecimal(refunded), BigDecimal.ZERO);
    }

    private static TransactionProcessor.Work work(PaymentStatus status, TransactionType type, Money amount,
                                                  LedgerTotals totals) {
        Payment payment = new Payment(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), status, HUNDRED,
                "sandbox", "tok_visa", Instant.now(), Instant.now());
        LedgerTransaction transaction = new LedgerTransaction(UUID.randomUUID(), payment.id(), type, amount,
                TransactionStatus.PENDING, null, "key", null, null, Instant.now(), null, null);
        return new TransactionProcessor.Work(payment, transaction, "sbx_authorize_1", "sbx_capture_1", totals);
    }
}
