package com.fruitfulplanet.payment.settlement;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.payment.PaymentAuthorized;
import com.fruitfulplanet.contracts.events.payment.PaymentCaptured;
import com.fruitfulplanet.contracts.events.payment.PaymentFailed;
import com.fruitfulplanet.contracts.events.payment.PaymentRefunded;
import com.fruitfulplanet.contracts.events.payment.PaymentVoided;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.payment.ledger.LedgerRows;
import com.fruitfulplanet.payment.ledger.LedgerTransaction;
import com.fruitfulplanet.payment.ledger.Payment;
import com.fruitfulplanet.payment.ledger.PaymentStatus;
import com.fruitfulplanet.payment.ledger.TransactionStatus;
import com.fruitfulplanet.payment.provider.ProviderResult;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies a provider's answer to a PENDING transaction, the same way whoever learnt it (the processor that made the
 * call, reconciliation's lookup, a webhook): in one transaction, under the payment's row lock, the transaction is
 * settled (only if it is still PENDING: a second settlement changes nothing), the payment's status follows and the
 * saga's event goes to the outbox.
 *
 * <table>
 * <caption>What a settlement does</caption>
 * <tr><th>transaction</th><th>SUCCEEDED</th><th>FAILED (declined, or not executed)</th></tr>
 * <tr><td>AUTHORIZE</td><td>AUTHORIZED, PaymentAuthorized</td><td>FAILED, PaymentFailed</td></tr>
 * <tr><td>CAPTURE</td><td>CAPTURED, PaymentCaptured</td><td>unchanged (logged)</td></tr>
 * <tr><td>VOID</td><td>VOIDED, PaymentVoided</td><td>unchanged (logged)</td></tr>
 * <tr><td>REFUND</td><td>PARTIALLY_REFUNDED or REFUNDED, PaymentRefunded with the totals</td>
 *     <td>unchanged (logged)</td></tr>
 * </table>
 */
@Service
public class Settlements {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);

    private final LedgerRows rows;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;

    Settlements(LedgerRows rows, Outbox outbox, TransactionalOperator transactions, ObjectProvider<Clock> clock) {
        this.rows = rows;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Settles the transaction with a SUCCEEDED or DECLINED answer; joins the caller's transaction if there is one
     * (a webhook's). False when it was not PENDING any more (someone settled it first): then nothing changed.
     */
    public Mono<Boolean> settle(UUID transactionId, ProviderResult result) {
        if (!result.settled()) {
            return Mono.error(new IllegalArgumentException("A PENDING answer settles nothing"));
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return transactions.transactional(rows.lockByTransaction(transactionId)
                        .flatMap(payment -> rows.settleTransaction(transactionId, status(result), result.reference(),
                                        result.reason(), at)
                                .flatMap(transaction -> apply(payment, transaction, result, at).thenReturn(true))))
                .defaultIfEmpty(false);
    }

    private Mono<Void> apply(Payment payment, LedgerTransaction transaction, ProviderResult result, Instant at) {
        boolean succeeded = result.outcome() == ProviderResult.Outcome.SUCCEEDED;
        log.info("Payment {} (order {}): {} {} {}", payment.id(), payment.orderId(), transaction.type().tag(),
                succeeded ? "succeeded" : "failed", succeeded ? result.reference() : "(" + result.reason() + ")");
        return switch (transaction.type()) {
            case AUTHORIZE -> succeeded
                    ? changed(payment, PaymentStatus.AUTHORIZED,
                            new PaymentAuthorized(payment.id(), payment.orderId(), payment.amount(), at))
                    : changed(payment, PaymentStatus.FAILED,
                            new PaymentFailed(payment.id(), payment.orderId(), payment.amount(), result.reason(), at));
            case CAPTURE -> succeeded
                    ? changed(payment, PaymentStatus.CAPTURED,
                            new PaymentCaptured(payment.id(), payment.orderId(), transaction.amount(), at))
                    : unchanged(payment, transaction, result);
            case VOID -> succeeded
                    ? changed(payment, PaymentStatus.VOIDED,
                            new PaymentVoided(payment.id(), payment.orderId(), payment.amount(), at))
                    : unchanged(payment, transaction, result);
            case REFUND -> succeeded ? refunded(payment, transaction, at) : unchanged(payment, transaction, result);
        };
    }

    private Mono<Void> refunded(Payment payment, LedgerTransaction refund, Instant at) {
        return rows.totals(payment.id()).flatMap(totals -> {
            Money refunded = money(totals.refunded(), payment);
            Money captured = money(totals.captured(), payment);
            PaymentStatus status = totals.refunded().compareTo(totals.captured()) >= 0
                    ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
            return changed(payment, status, new PaymentRefunded(payment.id(), payment.orderId(), refund.amount(), at,
                    refunded, captured));
        });
    }

    private Mono<Void> changed(Payment payment, PaymentStatus status, DomainEvent event) {
        return rows.setStatus(payment.id(), status).then(outbox.append(event)).then();
    }

    private static Mono<Void> unchanged(Payment payment, LedgerTransaction transaction, ProviderResult result) {
        // No saga event says "capture/void/refund failed": someone has to look at it; the metric counts it.
        log.warn("Payment {} (order {}): the {} was refused ({}); the payment stays {}", payment.id(),
                payment.orderId(), transaction.type().tag(), result.reason(), payment.status());
        return Mono.empty();
    }

    private static TransactionStatus status(ProviderResult result) {
        return result.outcome() == ProviderResult.Outcome.SUCCEEDED ? TransactionStatus.SUCCEEDED
                : TransactionStatus.FAILED;
    }

    private static Money money(BigDecimal amount, Payment payment) {
        return LedgerRows.money(amount, payment.amount().currency().getCurrencyCode());
    }
}
