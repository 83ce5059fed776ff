package com.fruitfulplanet.payment.saga;

import com.fruitfulplanet.contracts.events.payment.AuthorizePayment;
import com.fruitfulplanet.contracts.events.payment.CapturePayment;
import com.fruitfulplanet.contracts.events.payment.PaymentFailed;
import com.fruitfulplanet.contracts.events.payment.RefundPayment;
import com.fruitfulplanet.contracts.events.payment.VoidPayment;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.payment.ledger.LedgerRows;
import com.fruitfulplanet.payment.ledger.Payment;
import com.fruitfulplanet.payment.ledger.TransactionStatus;
import com.fruitfulplanet.payment.ledger.TransactionType;
import com.fruitfulplanet.payment.provider.PaymentProviders;
import com.fruitfulplanet.payment.refund.Refunds;
import com.fruitfulplanet.payment.settlement.TransactionProcessor;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * payment-service's steps of the order saga (ARCHITECTURE.md "The order saga"; the commands' javadoc is the
 * contract). Called from the {@code payment-commands} consumer, each joins the inbox transaction and only
 * <em>records</em> what is to be done: a PENDING transaction whose provider idempotency key is derived from the
 * order ({@code order:<orderId>:authorize}, ...). The provider is called after the commit by the
 * {@link TransactionProcessor}, and the answer event (PaymentAuthorized, ...) is written when it settles.
 *
 * <p>Every command is idempotent per order: the payment's {@code order_id} and the transactions' idempotency keys are
 * unique, so a repeat finds what the first one recorded and does nothing. Commands of one order are serialised by
 * an advisory lock on the order (also before it has a payment row) and the payment's row lock. Commands that do not
 * apply (a capture of a voided payment) are logged and counted, never thrown: retrying would not change them.
 *
 * <ul>
 * <li>{@link #authorize}: a new PENDING payment and its AUTHORIZE transaction. An order voided before is a no-op (no
 * money is held for a cancelled order). An unknown provider, a non-positive amount or one the ledger cannot hold is
 * answered at once with PaymentFailed.</li>
 * <li>{@link #capture}: a CAPTURE of the whole amount, for an AUTHORIZED payment (or a PENDING one: it waits behind
 * the authorization and is executed only if that succeeds).</li>
 * <li>{@link #voidPayment}: a VOID for an AUTHORIZED payment, or for a PENDING one (executed once the authorization
 * settles; if it was declined there is nothing to void). An order without a payment gets a tombstone.</li>
 * <li>{@link #refund}: a REFUND of the amount (null: all that is left), per {@code requestId}; see
 * {@link Refunds}.</li>
 * </ul>
 */
@Service
public class PaymentCommands {

    private static final Logger log = LoggerFactory.getLogger(PaymentCommands.class);

    private final LedgerRows rows;
    private final Refunds refunds;
    private final PaymentProviders providers;
    private final TransactionProcessor processor;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final MeterRegistry meters;

    PaymentCommands(LedgerRows rows, Refunds refunds, PaymentProviders providers, TransactionProcessor processor,
                    Outbox outbox, TransactionalOperator transactions, ObjectProvider<Clock> clock,
                    ObjectProvider<MeterRegistry> meters) {
        this.rows = rows;
        this.refunds = refunds;
        this.providers = providers;
        this.processor = processor;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    public Mono<CommandOutcome> authorize(AuthorizePayment command) {
        UUID orderId = command.orderId();
        return inTransaction("authorize", rows.lockOrder(orderId)
                .then(rows.orderState(orderId))
                .flatMap(state -> {
                    if (state.voided()) {
                        log.info("AuthorizePayment for order {}, which was voided before: nothing is held", orderId);
                        return Mono.just(CommandOutcome.AUTHORIZE_AFTER_VOID);
                    }
                    return state.paid() ? Mono.just(CommandOutcome.DUPLICATE) : newPayment(command);
                }));
    }

    public Mono<CommandOutcome> capture(CapturePayment command) {
        UUID orderId = command.orderId();
        return inTransaction("capture", rows.lockByOrder(orderId)
                .flatMap(payment -> switch (payment.status()) {
                    case PENDING, AUTHORIZED -> queue(payment, TransactionType.CAPTURE, null);
                    case CAPTURED, PARTIALLY_REFUNDED, REFUNDED -> Mono.just(CommandOutcome.DUPLICATE);
                    case FAILED, VOIDED -> notApplicable(payment, "CapturePayment");
                })
                .switchIfEmpty(Mono.defer(() -> unknownOrder("CapturePayment", orderId))));
    }

    public Mono<CommandOutcome> voidPayment(VoidPayment command) {
        UUID orderId = command.orderId();
        return inTransaction("void", rows.lockOrder(orderId)
                .then(rows.lockByOrder(orderId))
                .flatMap(payment -> switch (payment.status()) {
                    case PENDING, AUTHORIZED -> queue(payment, TransactionType.VOID, command.reason());
                    case VOIDED -> Mono.just(CommandOutcome.DUPLICATE);
                    // A declined authorization holds nothing; PaymentFailed has told the saga so.
                    case FAILED -> Mono.just(CommandOutcome.DUPLICATE);
                    case CAPTURED, PARTIALLY_REFUNDED, REFUNDED -> notApplicable(payment, "VoidPayment");
                })
                .switchIfEmpty(Mono.defer(() -> rows.insertVoidedOrder(orderId, command.reason())
                        .map(inserted -> {
                            log.info("VoidPayment for order {} before its AuthorizePayment: remembered", orderId);
                            return inserted ? CommandOutcome.VOIDED_BEFORE_AUTHORIZE : CommandOutcome.DUPLICATE;
                        }))));
    }

    public Mono<CommandOutcome> refund(RefundPayment command) {
        UUID orderId = command.orderId();
        return inTransaction("refund", rows.lockByOrder(orderId)
                .flatMap(payment -> {
                    Money amount = command.amount();
                    if (amount != null && (amount.amount().signum() <= 0
                            || !amount.currency().equals(payment.amount().currency()))) {
                        log.warn("RefundPayment {} for order {}: {} is not a positive amount in {}; ignored",
                                command.requestId(), orderId, amount, payment.amount().currency());
                        return Mono.just(CommandOutcome.NOT_APPLICABLE);
                    }
                    String key = TransactionType.refundKey(orderId, command.requestId());
                    return refunds.record(payment, amount, command.reason(), key, true).flatMap(decision ->
                            switch (decision) {
                                case Refunds.Decision.Recorded recorded ->
                                        processor.afterCommit(payment.id()).thenReturn(CommandOutcome.ACCEPTED);
                                case Refunds.Decision.Existing existing -> Mono.just(CommandOutcome.DUPLICATE);
                                case Refunds.Decision.NotCaptured notCaptured ->
                                        notApplicable(payment, "RefundPayment " + command.requestId());
                                case Refunds.Decision.ExceedsRefundable exceeds -> {
                                    log.warn("RefundPayment {} for order {}: {} exceeds what may still be refunded "
                                                    + "({}); ignored", command.requestId(), orderId,
                                            amount == null ? "the rest" : amount, exceeds.refundable());
                                    yield Mono.just(CommandOutcome.NOT_APPLICABLE);
                                }
                            });
                })
                .switchIfEmpty(Mono.defer(() -> unknownOrder("RefundPayment", orderId))));
    }

    private Mono<CommandOutcome> newPayment(AuthorizePayment command) {
        UUID orderId = command.orderId();
        Money amount = command.amount();
        UUID paymentId = UUID.randomUUID();
        if (amount.amount().signum() <= 0 || amount.amount().scale() > 2) {
            // The ledger cannot hold such a payment (numeric(19, 2), positive); the saga still gets its answer.
            return refused(paymentId, orderId, amount, "The amount must be positive, with at most 2 decimals");
        }
        String provider = command.provider() == null ? providers.defaultName() : command.provider();
        String refusal = providers.find(provider).isPresent() ? null : "Unknown payment provider " + provider;
        return rows.insertPayment(paymentId, orderId, command.customerId(), amount, provider, command.cardToken(),
                        UUID.randomUUID(), refusal)
                .flatMap(inserted -> {
                    if (!inserted) {
                        return Mono.just(CommandOutcome.DUPLICATE);
                    }
                    return refusal != null ? refused(paymentId, orderId, amount, refusal)
                            : processor.afterCommit(paymentId).thenReturn(CommandOutcome.ACCEPTED);
                });
    }

    private Mono<CommandOutcome> refused(UUID paymentId, UUID orderId, Money amount, String reason) {
        log.warn("AuthorizePayment for order {} refused: {}", orderId, reason);
        return outbox.append(new PaymentFailed(paymentId, orderId, amount, reason, now()))
                .thenReturn(CommandOutcome.REJECTED);
    }

    /** A CAPTURE or VOID of the whole amount, once per order (its key); executed after the commit. */
    private Mono<CommandOutcome> queue(Payment payment, TransactionType type, String reason) {
        return rows.insertTransaction(UUID.randomUUID(), payment.id(), type, payment.amount(),
                        TransactionStatus.PENDING, type.keyFor(payment.orderId()), reason, null)
                .flatMap(inserted -> inserted
                        ? processor.afterCommit(payment.id()).thenReturn(CommandOutcome.ACCEPTED)
                        : Mono.just(CommandOutcome.DUPLICATE));
    }

    private static Mono<CommandOutcome> notApplicable(Payment payment, String command) {
        log.warn("{} for order {} does not apply: its payment {} is {}; ignored", command, payment.orderId(),
                payment.id(), payment.status());
        return Mono.just(CommandOutcome.NOT_APPLICABLE);
    }

    private static Mono<CommandOutcome> unknownOrder(String command, UUID orderId) {
        log.warn("{} for order {}, which has no payment: ignored", command, orderId);
        return Mono.just(CommandOutcome.UNKNOWN_ORDER);
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Runs the command in a transaction (the inbox's, which it joins) and counts its outcome once that commits.
     */
    private Mono<CommandOutcome> inTransaction(String command, Mono<CommandOutcome> work) {
        return transactions.transactional(work.flatMap(outcome -> TransactionSynchronizationManager
                .forCurrentTransaction()
                .doOnNext(synchronization -> synchronization.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(() -> increment(command, outcome));
                    }
                }))
                .thenReturn(outcome)));
    }

    private void increment(String command, CommandOutcome outcome) {
        Counter.builder("fruitfulplanet.payments.commands")
                .description("Saga commands by what they did")
                .tag("command", command).tag("outcome", outcome.tag())
                .register(meters).increment();
    }
}
