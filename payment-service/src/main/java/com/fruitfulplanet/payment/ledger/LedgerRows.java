package com.fruitfulplanet.payment.ledger;

import com.fruitfulplanet.contracts.money.Money;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for {@code payment}, {@code payment_transaction} and {@code voided_order}. Every change of a payment happens
 * under its row lock ({@link #lock}, {@link #lockByOrder}), so its transactions are inserted and settled one at a
 * time and their {@code seq} is their commit order. Settling is conditional on the transaction still being
 * PENDING, so whoever settles it second (processor, reconciliation, webhook) changes nothing.
 */
@Repository
public class LedgerRows {

    private static final String PAYMENT = """
            SELECT id, order_id, user_id, status, amount, currency, provider, card_token, created_at, updated_at
              FROM payment""";
    private static final String TRANSACTION = """
            SELECT id, payment_id, type, amount, currency, status, provider_reference, idempotency_key, reason,
                   failure_reason, at, attempted_at, settled_at
              FROM payment_transaction""";

    /** Sums over a payment's transactions ({@link LedgerTotals}). */
    private static final String TOTALS = """
            SELECT coalesce(sum(amount) FILTER (WHERE type = 'CAPTURE' AND status = 'SUCCEEDED'), 0) AS captured,
                   coalesce(sum(amount) FILTER (WHERE type = 'CAPTURE' AND status = 'PENDING'), 0) AS capture_pending,
                   coalesce(sum(amount) FILTER (WHERE type = 'REFUND' AND status = 'SUCCEEDED'), 0) AS refunded,
                   coalesce(sum(amount) FILTER (WHERE type = 'REFUND' AND status = 'PENDING'), 0) AS refund_pending
              FROM payment_transaction WHERE payment_id = :payment""";

    private final DatabaseClient db;

    LedgerRows(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Serialises the commands of one order until the transaction ends, also before the order has a payment row to
     * lock: a VoidPayment and an AuthorizePayment racing each other then cannot both miss the other.
     */
    public Mono<Void> lockOrder(UUID orderId) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext('payment.order'), hashtext(:order))")
                .bind("order", orderId.toString())
                .then();
    }

    /** Whether the order was voided before it had a payment, and whether it has one: one round trip. */
    public Mono<OrderState> orderState(UUID orderId) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM voided_order WHERE order_id = :order) AS voided,
                               EXISTS (SELECT 1 FROM payment WHERE order_id = :order) AS paid""")
                .bind("order", orderId)
                .map(row -> new OrderState(row.get("voided", Boolean.class), row.get("paid", Boolean.class)))
                .one();
    }

    /** The tombstone of an order voided before it had a payment; false when it had one already. */
    public Mono<Boolean> insertVoidedOrder(UUID orderId, String reason) {
        return db.sql("INSERT INTO voided_order (order_id, reason) VALUES (:order, :reason) ON CONFLICT DO NOTHING")
                .bind("order", orderId).bind("reason", reason)
                .fetch().rowsUpdated().map(inserted -> inserted == 1);
    }

    /**
     * Inserts the order's payment and its AUTHORIZE transaction, in one statement; false (nothing inserted) when the
     * order has a payment already (order_id is unique). A FAILED authorization ({@code failureReason} set) is
     * settled at once.
     */
    public Mono<Boolean> insertPayment(UUID id, UUID orderId, UUID userId, Money amount, String provider,
                                       String cardToken, UUID authorizationId, String failureReason) {
        return db.sql("""
                        WITH p AS (
                            INSERT INTO payment (id, order_id, user_id, status, amount, currency, provider, card_token)
                            VALUES (:id, :order, :user, CASE WHEN :failure::text IS NULL THEN 'PENDING' ELSE 'FAILED' END,
                                    :amount, :currency, :provider, :card)
                            ON CONFLICT (order_id) DO NOTHING
                            RETURNING id, amount, currency)
                        INSERT INTO payment_transaction (id, payment_id, type, amount, currency, status, idempotency_key,
                                                         failure_reason, settled_at)
                        SELECT :authorization, p.id, 'AUTHORIZE', p.amount, p.currency,
                               CASE WHEN :failure::text IS NULL THEN 'PENDING' ELSE 'FAILED' END, :key, :failure,
                               CASE WHEN :failure::text IS NULL THEN NULL ELSE now() END
                          FROM p""")
                .bind("id", id).bind("order", orderId).bind("user", userId)
                .bind("amount", amount.amount()).bind("currency", amount.currency().getCurrencyCode())
                .bind("provider", provider).bind("card", cardToken)
                .bind("authorization", authorizationId).bind("key", TransactionType.AUTHORIZE.keyFor(orderId))
                .bind("failure", nullable(failureReason))
                .fetch().rowsUpdated().map(inserted -> inserted == 1);
    }

    public Mono<Payment> find(UUID paymentId) {
        return db.sql(PAYMENT + " WHERE id = :id").bind("id", paymentId).map(LedgerRows::readPayment).one();
    }

    public Flux<Payment> findByOrder(UUID orderId) {
        return db.sql(PAYMENT + " WHERE order_id = :order").bind("order", orderId).map(LedgerRows::readPayment).all();
    }

    /** The payment, locked until the transaction ends. */
    public Mono<Payment> lock(UUID paymentId) {
        return db.sql(PAYMENT + " WHERE id = :id FOR UPDATE").bind("id", paymentId).map(LedgerRows::readPayment).one();
    }

    /** The payment a transaction belongs to, locked until the transaction ends. */
    public Mono<Payment> lockByTransaction(UUID transactionId) {
        return db.sql("""
                        SELECT p.id, p.order_id, p.user_id, p.status, p.amount, p.currency, p.provider, p.card_token,
                               p.created_at, p.updated_at
                          FROM payment p JOIN payment_transaction t ON t.payment_id = p.id
                         WHERE t.id = :transaction
                           FOR UPDATE OF p""")
                .bind("transaction", transactionId).map(LedgerRows::readPayment).one();
    }

    /** The order's payment, locked until the transaction ends; empty when the order has none. */
    public Mono<Payment> lockByOrder(UUID orderId) {
        return db.sql(PAYMENT + " WHERE order_id = :order FOR UPDATE")
                .bind("order", orderId).map(LedgerRows::readPayment).one();
    }

    public Mono<Void> setStatus(UUID paymentId, PaymentStatus status) {
        return db.sql("""
                        UPDATE payment SET status = :status, version = version + 1, updated_at = now()
                         WHERE id = :id""")
                .bind("id", paymentId).bind("status", status.name())
                .then();
    }

    /**
     * Records a provider call to be made (PENDING) or one already decided (an authorization for an unknown
     * provider is FAILED at once). False when a transaction with that idempotency key exists: the command was
     * applied before.
     */
    public Mono<Boolean> insertTransaction(UUID id, UUID paymentId, TransactionType type, Money amount,
                                           TransactionStatus status, String idempotencyKey, String reason,
                                           String failureReason) {
        return db.sql("""
                        INSERT INTO payment_transaction
                            (id, payment_id, type, amount, currency, status, idempotency_key, reason, failure_reason,
                             settled_at)
                        VALUES (:id, :payment, :type, :amount, :currency, :status, :key, :reason, :failure,
                                CASE WHEN :status = 'PENDING' THEN NULL ELSE now() END)
                        ON CONFLICT (idempotency_key) DO NOTHING""")
                .bind("id", id).bind("payment", paymentId).bind("type", type.name())
                .bind("amount", amount.amount()).bind("currency", amount.currency().getCurrencyCode())
                .bind("status", status.name()).bind("key", idempotencyKey)
                .bind("reason", nullable(reason)).bind("failure", nullable(failureReason))
                .fetch().rowsUpdated().map(inserted -> inserted == 1);
    }

    public Mono<LedgerTransaction> transaction(UUID transactionId) {
        return db.sql(TRANSACTION + " WHERE id = :id").bind("id", transactionId).map(LedgerRows::readTransaction).one();
    }

    public Mono<LedgerTransaction> transactionByKey(String idempotencyKey) {
        return db.sql(TRANSACTION + " WHERE idempotency_key = :key")
                .bind("key", idempotencyKey).map(LedgerRows::readTransaction).one();
    }

    /** The payments' transactions, oldest first. */
    public Flux<LedgerTransaction> transactionsOf(Collection<UUID> paymentIds) {
        return db.sql(TRANSACTION + " WHERE payment_id = ANY(:ids) ORDER BY seq")
                .bind("ids", paymentIds.toArray(UUID[]::new)).map(LedgerRows::readTransaction).all();
    }

    public Mono<LedgerTotals> totals(UUID paymentId) {
        return db.sql(TOTALS).bind("payment", paymentId).map(LedgerRows::readTotals).one();
    }

    /**
     * Claims the payment's next transaction for a provider call, in one statement: the oldest PENDING one, if no
     * processor has called the provider for it yet. Empty when there is none, when the oldest one was already
     * attempted (it waits for its answer or for reconciliation: nothing behind it may overtake it), or when the
     * payment is locked right now (whoever holds the lock, a command or another processor, starts a processor
     * after it commits, which finds what this one could not).
     */
    public Mono<LedgerTransaction> claimNext(UUID paymentId) {
        return db.sql("""
                        WITH locked AS (SELECT id FROM payment WHERE id = :payment FOR UPDATE SKIP LOCKED),
                             head AS (SELECT t.id, t.attempted_at FROM payment_transaction t
                                        JOIN locked p ON p.id = t.payment_id
                                       WHERE t.status = 'PENDING'
                                       ORDER BY t.seq LIMIT 1)
                        UPDATE payment_transaction t
                           SET attempted_at = now(), attempts = t.attempts + 1
                          FROM head
                         WHERE t.id = head.id AND head.attempted_at IS NULL
                        RETURNING t.id, t.payment_id, t.type, t.amount, t.currency, t.status, t.provider_reference,
                                  t.idempotency_key, t.reason, t.failure_reason, t.at, t.attempted_at, t.settled_at""")
                .bind("payment", paymentId)
                .map(LedgerRows::readTransaction).one();
    }

    /**
     * The payment as a transaction of it is checked against before its provider call: the payment, the references
     * of its succeeded authorization and capture, and its totals; one round trip.
     */
    public Mono<PaymentState> state(UUID paymentId) {
        return db.sql("""
                        SELECT p.id, p.order_id, p.user_id, p.status, p.amount, p.currency, p.provider, p.card_token,
                               p.created_at, p.updated_at,
                               a.provider_reference AS authorization_reference,
                               c.provider_reference AS capture_reference,
                               t.captured, t.capture_pending, t.refunded, t.refund_pending
                          FROM payment p
                          LEFT JOIN LATERAL (SELECT provider_reference FROM payment_transaction
                                              WHERE payment_id = p.id AND type = 'AUTHORIZE' AND status = 'SUCCEEDED'
                                              ORDER BY seq LIMIT 1) a ON true
                          LEFT JOIN LATERAL (SELECT provider_reference FROM payment_transaction
                                              WHERE payment_id = p.id AND type = 'CAPTURE' AND status = 'SUCCEEDED'
                                              ORDER BY seq LIMIT 1) c ON true
                          CROSS JOIN LATERAL (%s) t
                         WHERE p.id = :payment""".formatted(TOTALS.replace(":payment", "p.id")))
                .bind("payment", paymentId)
                .map(row -> new PaymentState(readPayment(row), row.get("authorization_reference", String.class),
                        row.get("capture_reference", String.class), readTotals(row)))
                .one();
    }

    /**
     * Claims an attempted, still PENDING transaction for reconciliation: only if nobody claimed it since
     * {@code attemptedAt} (another replica's reconciliation, say).
     */
    public Mono<Boolean> reclaim(UUID transactionId, Instant attemptedAt) {
        return db.sql("""
                        UPDATE payment_transaction SET attempted_at = now(), attempts = attempts + 1
                         WHERE id = :id AND status = 'PENDING' AND attempted_at = :attempted""")
                .bind("id", transactionId).bind("attempted", attemptedAt)
                .fetch().rowsUpdated().map(updated -> updated == 1);
    }

    /**
     * The first PENDING transaction of each payment that has been waiting longer than {@code grace}: attempted and
     * unanswered, or never attempted (its processor never ran: the process died after the commit). Oldest first.
     */
    public Flux<StaleTransaction> stale(Duration grace, int limit) {
        return db.sql("""
                        SELECT id, payment_id, attempted_at FROM (
                            SELECT DISTINCT ON (payment_id) id, payment_id, at, attempted_at
                              FROM payment_transaction WHERE status = 'PENDING'
                             ORDER BY payment_id, seq) head
                         WHERE coalesce(attempted_at, at) < now() - make_interval(secs => :grace)
                         ORDER BY coalesce(attempted_at, at)
                         LIMIT :limit""")
                .bind("grace", grace.toMillis() / 1000.0).bind("limit", limit)
                .map(row -> new StaleTransaction(row.get("id", UUID.class), row.get("payment_id", UUID.class),
                        row.get("attempted_at", Instant.class)))
                .all();
    }

    /**
     * Settles a PENDING transaction and returns it as settled; empty (and nothing changed) when it is not PENDING any
     * more: someone else settled it first.
     */
    public Mono<LedgerTransaction> settleTransaction(UUID transactionId, TransactionStatus status,
                                                     String providerReference, String failureReason,
                                                     Instant settledAt) {
        return db.sql("""
                        UPDATE payment_transaction
                           SET status = :status, provider_reference = coalesce(:reference, provider_reference),
                               failure_reason = :failure, settled_at = :at
                         WHERE id = :id AND status = 'PENDING'
                        RETURNING id, payment_id, type, amount, currency, status, provider_reference, idempotency_key,
                                  reason, failure_reason, at, attempted_at, settled_at""")
                .bind("id", transactionId).bind("status", status.name())
                .bind("reference", nullable(providerReference)).bind("failure", nullable(failureReason))
                .bind("at", settledAt)
                .map(LedgerRows::readTransaction).one();
    }

    /** How many transactions are PENDING and how long the oldest has been (0 s when none). */
    public Mono<PendingBacklog> pendingBacklog() {
        return db.sql("""
                        SELECT count(*) AS pending,
                               coalesce(extract(epoch FROM now() - min(at)), 0)::float8 AS oldest_seconds
                          FROM payment_transaction WHERE status = 'PENDING'""")
                .map(row -> new PendingBacklog(row.get("pending", Long.class),
                        row.get("oldest_seconds", Double.class)))
                .one();
    }

    /** Amounts are numeric(19, 2); a currency with fewer fraction digits is read back at its own scale. */
    public static Money money(BigDecimal amount, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode.strip());
        return new Money(amount.setScale(Math.max(0, currency.getDefaultFractionDigits())), currency);
    }

    private static Payment readPayment(Readable row) {
        return new Payment(row.get("id", UUID.class), row.get("order_id", UUID.class), row.get("user_id", UUID.class),
                PaymentStatus.valueOf(row.get("status", String.class)),
                money(row.get("amount", BigDecimal.class), row.get("currency", String.class)),
                row.get("provider", String.class), row.get("card_token", String.class),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }

    private static LedgerTransaction readTransaction(Readable row) {
        return new LedgerTransaction(row.get("id", UUID.class), row.get("payment_id", UUID.class),
                TransactionType.valueOf(row.get("type", String.class)),
                money(row.get("amount", BigDecimal.class), row.get("currency", String.class)),
                TransactionStatus.valueOf(row.get("status", String.class)),
                row.get("provider_reference", String.class), row.get("idempotency_key", String.class),
                row.get("reason", String.class), row.get("failure_reason", String.class),
                row.get("at", Instant.class), row.get("attempted_at", Instant.class),
                row.get("settled_at", Instant.class));
    }

    private static LedgerTotals readTotals(Readable row) {
        return new LedgerTotals(row.get("captured", BigDecimal.class), row.get("capture_pending", BigDecimal.class),
                row.get("refunded", BigDecimal.class), row.get("refund_pending", BigDecimal.class));
    }

    private static org.springframework.r2dbc.core.Parameter nullable(String value) {
        return org.springframework.r2dbc.core.Parameter.fromOrEmpty(value, String.class);
    }

    /** A PENDING transaction at the head of its payment's queue for too long; {@code attemptedAt} null if never called. */
    public record StaleTransaction(UUID id, UUID paymentId, Instant attemptedAt) {
    }

    public record PendingBacklog(long pending, double oldestSeconds) {
    }

    /** Whether an order was voided before it had a payment, and whether it has one. */
    public record OrderState(boolean voided, boolean paid) {
    }

    /** A payment with what its next provider call needs: the references it refers to and its totals. */
    public record PaymentState(Payment payment, String authorizationReference, String captureReference,
                               LedgerTotals totals) {
    }
}
