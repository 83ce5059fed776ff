package com.fruitfulplanet.payment.settlement;

import com.fruitfulplanet.payment.ledger.LedgerRows;
import com.fruitfulplanet.payment.ledger.LedgerTotals;
import com.fruitfulplanet.payment.ledger.LedgerTransaction;
import com.fruitfulplanet.payment.ledger.Payment;
import com.fruitfulplanet.payment.ledger.TransactionStatus;
import com.fruitfulplanet.payment.provider.PaymentProviders;
import com.fruitfulplanet.payment.provider.ProviderResult;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Executes a payment's PENDING transactions, one at a time in creation order, outside the transaction that recorded
 * them: claim the oldest ({@link LedgerRows#claimNext}: one statement, {@code FOR UPDATE SKIP LOCKED} on the
 * payment, so two processors or replicas never call the provider for the same one), call the provider (bounded by
 * the provider timeout), settle the answer ({@link Settlements}), and go on with the next one.
 *
 * <p>Whoever records a transaction starts a processor for its payment right after committing
 * ({@link #afterCommit}), so the happy path waits for no polling interval. A call without an answer leaves its
 * transaction PENDING and the queue behind it waits: {@link Reconciliation} settles it later (and resumes the queue),
 * as it also resumes queues whose processor never ran because the process died.
 *
 * <p>Before calling, the transaction is checked against the payment as it is by then (a void queued behind a
 * pending authorization that was declined has nothing to void): one that no longer applies is settled FAILED with
 * the reason, without a provider call.
 */
@Component
public class TransactionProcessor {

    private static final Logger log = LoggerFactory.getLogger(TransactionProcessor.class);

    private final LedgerRows rows;
    private final PaymentProviders providers;
    private final Settlements settlements;

    TransactionProcessor(LedgerRows rows, PaymentProviders providers, Settlements settlements) {
        this.rows = rows;
        this.providers = providers;
        this.settlements = settlements;
    }

    /**
     * Starts a processor for the payment once the current transaction commits (at once when there is none). Never
     * inside it: the provider must not be called while the transaction that recorded the call is still open.
     */
    public Mono<Void> afterCommit(UUID paymentId) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(synchronization -> synchronization.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(() -> start(paymentId));
                    }
                }))
                .onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(() -> start(paymentId)))
                .then();
    }

    /**
     * Runs the payment's queue on its own (not in the caller's transaction or subscription: a cancelled caller
     * does not cut a provider call short).
     *
     * @return completes when this run is done; callers that need not wait ignore it
     */
    public Mono<Void> start(UUID paymentId) {
        Sinks.Empty<Void> done = Sinks.empty();
        process(paymentId).subscribe(null, failure -> {
            log.warn("Processing payment {} failed; reconciliation will pick it up: {}", paymentId,
                    failure.toString());
            done.tryEmitEmpty();
        }, done::tryEmitEmpty);
        return done.asMono();
    }

    /** Executes the payment's transactions until none is left or the oldest one awaits an answer. */
    public Mono<Void> process(UUID paymentId) {
        return next(paymentId)
                .expand(settled -> settled ? next(paymentId) : Mono.empty())
                .then();
    }

    /**
     * Calls the provider for a transaction this caller has claimed and settles the answer.
     *
     * @return true when the transaction is settled (now or before), false when it is still PENDING
     */
    public Mono<Boolean> execute(UUID transactionId) {
        return rows.transaction(transactionId).flatMap(this::execute);
    }

    private Mono<Boolean> execute(LedgerTransaction transaction) {
        if (transaction.status() != TransactionStatus.PENDING) {
            return Mono.just(true); // a webhook was quicker
        }
        return rows.state(transaction.paymentId()).flatMap(state -> {
            Work work = new Work(state.payment(), transaction, state.authorizationReference(),
                    state.captureReference(), state.totals());
            Optional<String> notApplicable = work.whyNotExecutable();
            if (notApplicable.isPresent()) {
                log.info("Payment {}: the {} is not executed: {}", work.payment().id(), transaction.type().tag(),
                        notApplicable.get());
                return settlements.settle(transaction.id(), ProviderResult.declined(notApplicable.get()))
                        .thenReturn(true);
            }
            return call(work).flatMap(result -> result.settled()
                    ? settlements.settle(transaction.id(), result).thenReturn(true)
                    : Mono.just(false));
        });
    }

    private Mono<Boolean> next(UUID paymentId) {
        return rows.claimNext(paymentId).flatMap(this::execute);
    }

    private Mono<ProviderResult> call(Work work) {
        Payment payment = work.payment();
        LedgerTransaction transaction = work.transaction();
        String key = transaction.idempotencyKey();
        return providers.call(payment.provider(), transaction.type(), key, provider -> switch (transaction.type()) {
            case AUTHORIZE -> provider.authorize(key, transaction.amount(), payment.cardToken());
            case CAPTURE -> provider.capture(key, work.authorizationReference(), transaction.amount());
            case VOID -> provider.voidAuthorization(key, work.authorizationReference());
            case REFUND -> provider.refund(key, work.captureReference(), transaction.amount());
        });
    }

    /** A transaction about to be executed and what it is checked against. */
    record Work(Payment payment, LedgerTransaction transaction, String authorizationReference,
                String captureReference, LedgerTotals totals) {

        /** Why the transaction does not apply to the payment as it is now; empty when it does. */
        Optional<String> whyNotExecutable() {
            String status = payment.status().name();
            return Optional.ofNullable(switch (transaction.type()) {
                case AUTHORIZE -> switch (payment.status()) {
                    case PENDING -> null;
                    default -> "the payment is already " + status;
                };
                case CAPTURE -> switch (payment.status()) {
                    case AUTHORIZED -> authorizationReference == null ? "no authorization reference" : null;
                    case CAPTURED, PARTIALLY_REFUNDED, REFUNDED -> "the payment is already captured";
                    default -> "only an AUTHORIZED payment can be captured; this one is " + status;
                };
                case VOID -> switch (payment.status()) {
                    case AUTHORIZED -> authorizationReference == null ? "no authorization reference" : null;
                    case FAILED -> "nothing to void: the authorization failed";
                    case VOIDED -> "the payment is already voided";
                    default -> "only an AUTHORIZED payment can be voided; this one is " + status
                            + " (refund it instead)";
                };
                case REFUND -> {
                    if (!payment.status().captured()) {
                        yield "only a captured payment can be refunded; this one is " + status;
                    }
                    if (captureReference == null) {
                        yield "no capture reference";
                    }
                    // Refunds run one at a time per payment, so what succeeded so far is all this one adds to.
                    boolean fits = totals.refunded().add(transaction.amount().amount())
                            .compareTo(totals.captured()) <= 0;
                    yield fits ? null : "refunds would exceed what was captured";
                }
            });
        }
    }
}
