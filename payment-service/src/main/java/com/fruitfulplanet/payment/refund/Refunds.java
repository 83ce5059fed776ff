package com.fruitfulplanet.payment.refund;

import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.payment.ledger.LedgerRows;
import com.fruitfulplanet.payment.ledger.LedgerTotals;
import com.fruitfulplanet.payment.ledger.LedgerTransaction;
import com.fruitfulplanet.payment.ledger.Payment;
import com.fruitfulplanet.payment.ledger.PaymentStatus;
import com.fruitfulplanet.payment.ledger.TransactionStatus;
import com.fruitfulplanet.payment.ledger.TransactionType;
import com.fruitfulplanet.payment.ledger.TransactionView;
import com.fruitfulplanet.payment.settlement.TransactionProcessor;
import com.fruitfulplanet.platform.problem.Problems;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Mono;

/**
 * Records refunds, for the saga's RefundPayment and for staff's {@code POST /api/v1/payments/{id}/refunds} alike:
 * never more than what may still be refunded (captured minus refunds that succeeded or are pending), so the refunds
 * that succeed never add up to more than was captured. The provider call is made after the commit, by the
 * processor, which checks the sum again before calling.
 *
 * <p>Staff's refund ({@link #refund}) commits the PENDING refund in a transaction of its own (not in the caller's:
 * the idempotent-request record's) and then runs the payment's processor and waits for it, so the answer usually
 * carries the provider's verdict. Its provider key is derived from the caller's {@code Idempotency-Key}, so a
 * retried request can never become a second refund, whatever happened to the stored response.
 */
@Service
public class Refunds {

    private final LedgerRows rows;
    private final TransactionProcessor processor;
    private final TransactionalOperator ownTransaction;

    Refunds(LedgerRows rows, TransactionProcessor processor, ReactiveTransactionManager transactionManager) {
        this.rows = rows;
        this.processor = processor;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ownTransaction = TransactionalOperator.create(transactionManager, definition);
    }

    /**
     * Staff's refund of a payment: recorded, then executed. Signals 404 (no such payment), 400 (amount not positive
     * or in another currency), 409 {@code payment-not-captured}, 422 {@code refund-exceeds-captured} (with what may
     * still be refunded); nothing is recorded then.
     *
     * @param refundId names the refund in its provider key; the same id again returns the refund recorded then
     * @return the refund transaction: settled, or still PENDING if the provider has not answered in time
     */
    public Mono<TransactionView> refund(UUID paymentId, Money amount, String reason, UUID refundId) {
        return ownTransaction.transactional(rows.lock(paymentId)
                        .switchIfEmpty(Mono.error(() -> Problems.notFound("payment")))
                        .flatMap(payment -> {
                            if (amount != null) {
                                String currency = payment.amount().currency().getCurrencyCode();
                                if (!amount.currency().equals(payment.amount().currency())) {
                                    return Mono.error(Problems.invalidField("amount.currency",
                                            "must be " + currency + ", the payment's currency"));
                                }
                                if (amount.amount().signum() <= 0 || amount.amount().scale() > 2) {
                                    return Mono.error(Problems.invalidField("amount.amount",
                                            "must be positive, with at most 2 decimals"));
                                }
                            }
                            String key = TransactionType.refundKey(payment.orderId(), refundId);
                            return record(payment, amount, reason, key, false).flatMap(decision -> switch (decision) {
                                case Decision.Recorded recorded -> Mono.just(recorded.refund());
                                case Decision.Existing existing -> Mono.just(existing.refund());
                                case Decision.NotCaptured notCaptured ->
                                        Mono.error(RefundProblems.notCaptured(notCaptured.status()));
                                case Decision.ExceedsRefundable exceeds ->
                                        Mono.error(RefundProblems.exceedsRefundable(exceeds.refundable()));
                            });
                        }))
                .flatMap(refund -> processor.start(paymentId).then(rows.transaction(refund.id())))
                .map(TransactionView::of);
    }

    /**
     * Records a PENDING refund of {@code amount} (null: all that may still be refunded). The caller holds the
     * payment's row lock, in the transaction that is to commit the refund; {@code amount} is positive and in the
     * payment's currency.
     *
     * @param idempotencyKey      the provider's key of this refund; a refund with it already recorded is returned
     *                            as {@link Decision.Existing}
     * @param allowPendingCapture whether a capture still waiting for its answer counts as captured (the saga's
     *                            refund of an order whose capture is still pending waits behind it in the queue)
     */
    public Mono<Decision> record(Payment payment, Money amount, String reason, String idempotencyKey,
                                 boolean allowPendingCapture) {
        return rows.transactionByKey(idempotencyKey)
                .<Decision>map(Decision.Existing::new)
                .switchIfEmpty(Mono.defer(() -> rows.totals(payment.id()).flatMap(totals -> {
                    boolean captureWaiting = allowPendingCapture && payment.status() == PaymentStatus.AUTHORIZED
                            && totals.capturePending().signum() > 0;
                    if (!payment.status().captured() && !captureWaiting) {
                        return Mono.just(new Decision.NotCaptured(payment.status()));
                    }
                    BigDecimal refundable = totals.refundable(allowPendingCapture);
                    BigDecimal value = amount == null ? refundable : amount.amount();
                    if (value.signum() <= 0 || value.compareTo(refundable) > 0) {
                        return Mono.just(new Decision.ExceedsRefundable(money(refundable, payment), totals));
                    }
                    Money refund = money(value, payment);
                    UUID id = UUID.randomUUID();
                    return rows.insertTransaction(id, payment.id(), TransactionType.REFUND, refund,
                                    TransactionStatus.PENDING, idempotencyKey, reason, null)
                            .then(rows.transaction(id))
                            .map(Decision.Recorded::new);
                })));
    }

    private static Money money(BigDecimal amount, Payment payment) {
        return LedgerRows.money(amount, payment.amount().currency().getCurrencyCode());
    }

    /** What {@link #record} decided. */
    public sealed interface Decision {

        /** A new PENDING refund: start a processor for the payment after the commit. */
        record Recorded(LedgerTransaction refund) implements Decision {
        }

        /** The refund with that key, recorded before (in any state). */
        record Existing(LedgerTransaction refund) implements Decision {
        }

        /** Nothing was captured (yet, or any more). */
        record NotCaptured(PaymentStatus status) implements Decision {
        }

        /** More than may still be refunded (or nothing is left); {@code refundable} is what may. */
        record ExceedsRefundable(Money refundable, LedgerTotals totals) implements Decision {
        }
    }
}
