package com.fruitfulplanet.payment.provider.sandbox;

import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.payment.ledger.TransactionType;
import com.fruitfulplanet.payment.provider.PaymentProvider;
import com.fruitfulplanet.payment.provider.ProviderResult;
import io.r2dbc.spi.Readable;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The built-in test provider ({@code sandbox}): it behaves like a real one, with its own books in
 * {@code sandbox_charge} (what it did under each idempotency key). A call repeated with a key answers what the first
 * call did and counts the repeat in {@code calls}; {@link #lookup} finds what it did, also when the answer was lost.
 * Authorizations go by the card token ({@link SandboxCards}); captures, voids and refunds succeed when what they
 * refer to is an authorization (a capture, for refunds) it granted, and are declined otherwise.
 *
 * <p>Its statements run on their own (autocommit), never in one of the ledger's transactions: it stands for a
 * system outside ours, whose books do not roll back with ours. The processor calls it outside any transaction.
 */
@Component
class SandboxProvider implements PaymentProvider {

    static final String NAME = "sandbox";

    private final DatabaseClient db;

    SandboxProvider(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Mono<ProviderResult> authorize(String idempotencyKey, Money amount, String cardToken) {
        SandboxCards card = SandboxCards.byToken(cardToken);
        String declined = card == null ? SandboxCards.UNKNOWN_TOKEN : card.declineReason();
        return record(idempotencyKey, TransactionType.AUTHORIZE, amount, cardToken, null, declined)
                .flatMap(charge -> charge.firstCall() && card != null && card.answerLost()
                        ? Mono.<ProviderResult>never() // done on our side; the answer is lost on the way back
                        : Mono.just(charge.result()));
    }

    @Override
    public Mono<ProviderResult> capture(String idempotencyKey, String authorizationReference, Money amount) {
        return referring(idempotencyKey, TransactionType.CAPTURE, amount, authorizationReference,
                TransactionType.AUTHORIZE);
    }

    @Override
    public Mono<ProviderResult> voidAuthorization(String idempotencyKey, String authorizationReference) {
        return referring(idempotencyKey, TransactionType.VOID, null, authorizationReference,
                TransactionType.AUTHORIZE);
    }

    @Override
    public Mono<ProviderResult> refund(String idempotencyKey, String captureReference, Money amount) {
        return referring(idempotencyKey, TransactionType.REFUND, amount, captureReference, TransactionType.CAPTURE);
    }

    @Override
    public Mono<ProviderResult> lookup(String idempotencyKey) {
        return db.sql("SELECT outcome, reference, decline_reason, calls FROM sandbox_charge WHERE idempotency_key = :key")
                .bind("key", idempotencyKey)
                .map(SandboxProvider::charge)
                .one()
                .map(Charge::result);
    }

    private Mono<ProviderResult> referring(String idempotencyKey, TransactionType operation, Money amount,
                                           String target, TransactionType targetOperation) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM sandbox_charge
                                        WHERE reference = :target AND operation = :operation
                                          AND outcome = 'SUCCEEDED') AS granted""")
                .bind("target", Parameter.fromOrEmpty(target, String.class))
                .bind("operation", targetOperation.name())
                .map(row -> row.get("granted", Boolean.class)).one()
                .flatMap(granted -> record(idempotencyKey, operation, amount, null, target,
                        granted ? null : "No such " + targetOperation.tag() + " " + target))
                .map(Charge::result);
    }

    /** Does the operation once per key: the first call records it, a repeat returns that record. */
    private Mono<Charge> record(String idempotencyKey, TransactionType operation, Money amount, String cardToken,
                                String target, String declineReason) {
        String reference = "sbx_" + operation.tag() + "_" + UUID.randomUUID().toString().replace("-", "");
        return db.sql("""
                        INSERT INTO sandbox_charge AS c (idempotency_key, operation, amount, currency, card_token,
                                                         target, outcome, reference, decline_reason)
                        VALUES (:key, :operation, :amount, :currency, :card, :target, :outcome, :reference, :reason)
                        ON CONFLICT (idempotency_key) DO UPDATE SET calls = c.calls + 1
                        RETURNING outcome, reference, decline_reason, calls""")
                .bind("key", idempotencyKey).bind("operation", operation.name())
                .bind("amount", Parameter.fromOrEmpty(amount == null ? null : amount.amount(),
                        java.math.BigDecimal.class))
                .bind("currency", Parameter.fromOrEmpty(amount == null ? null
                        : amount.currency().getCurrencyCode(), String.class))
                .bind("card", Parameter.fromOrEmpty(cardToken, String.class))
                .bind("target", Parameter.fromOrEmpty(target, String.class))
                .bind("outcome", declineReason == null ? "SUCCEEDED" : "DECLINED")
                .bind("reference", reference)
                .bind("reason", Parameter.fromOrEmpty(declineReason, String.class))
                .map(SandboxProvider::charge)
                .one();
    }

    private static Charge charge(Readable row) {
        String outcome = row.get("outcome", String.class);
        String reference = row.get("reference", String.class);
        ProviderResult result = "SUCCEEDED".equals(outcome) ? ProviderResult.succeeded(reference)
                : new ProviderResult(ProviderResult.Outcome.DECLINED, reference, row.get("decline_reason",
                        String.class));
        return new Charge(result, row.get("calls", Integer.class) == 1);
    }

    private record Charge(ProviderResult result, boolean firstCall) {
    }
}
