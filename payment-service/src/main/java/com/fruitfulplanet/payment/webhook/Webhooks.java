package com.fruitfulplanet.payment.webhook;

import com.fruitfulplanet.payment.config.PaymentProperties;
import com.fruitfulplanet.payment.ledger.LedgerRows;
import com.fruitfulplanet.payment.ledger.LedgerTransaction;
import com.fruitfulplanet.payment.provider.PaymentProviders;
import com.fruitfulplanet.payment.settlement.Settlements;
import com.fruitfulplanet.payment.settlement.TransactionProcessor;
import com.fruitfulplanet.platform.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provider webhooks: a provider telling us how a call ended, typically one whose answer our call did not wait for.
 * Nothing is changed unless the signature proves the provider sent this body within the tolerance
 * ({@link WebhookSignature}). Then, in one transaction, the event id is recorded ({@code webhook_event}; a provider
 * delivers at least once, so an id seen before has no effect) and the transaction with the event's idempotency key,
 * if it belongs to that provider and is still PENDING, is settled exactly as reconciliation would
 * ({@link Settlements}); the payment's queue then goes on after the commit.
 *
 * <p>Counted in {@code fruitfulplanet.payments.webhooks{provider, outcome}} and, for refusals,
 * {@code fruitfulplanet.payments.webhooks.rejected{reason}}.
 */
@Service
class Webhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    private final PaymentProviders providers;
    private final PaymentProperties properties;
    private final LedgerRows ledger;
    private final Settlements settlements;
    private final TransactionProcessor processor;
    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    Webhooks(PaymentProviders providers, PaymentProperties properties, LedgerRows ledger, Settlements settlements,
             TransactionProcessor processor, DatabaseClient db, TransactionalOperator transactions, JsonMapper json,
             ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
        this.providers = providers;
        this.properties = properties;
        this.ledger = ledger;
        this.settlements = settlements;
        this.processor = processor;
        this.db = db;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        properties.providers().keySet().stream()
                .filter(name -> providers.find(name).isEmpty())
                .forEach(name -> log.warn("fruitfulplanet.payment.providers.{} configures a provider that does not "
                        + "exist", name));
    }

    /** Verifies and applies one webhook; signals a problem (nothing changed) when it is refused. */
    Mono<WebhookReceipt> receive(String provider, String signature, byte[] body) {
        if (providers.find(provider).isEmpty()) {
            return rejected("unknown", WebhookRejection.UNKNOWN_PROVIDER);
        }
        Optional<String> secret = properties.webhookSecret(provider);
        if (secret.isEmpty()) {
            log.warn("A webhook from {} was refused: fruitfulplanet.payment.providers.{}.webhook-secret is not set",
                    provider, provider);
            return rejected(provider, WebhookRejection.NOT_CONFIGURED);
        }
        Optional<WebhookRejection> refused = WebhookSignature.check(signature, body, secret.get(), clock.instant(),
                properties.webhooks().tolerance());
        if (refused.isPresent()) {
            return rejected(provider, refused.get());
        }
        WebhookNotification notification = parse(body);
        if (notification == null || !notification.wellFormed()) {
            return rejected(provider, WebhookRejection.MALFORMED_BODY);
        }
        return transactions.transactional(firstDelivery(provider, notification)
                        .flatMap(first -> first ? apply(provider, notification) : Mono.just(WebhookReceipt.DUPLICATE)))
                .doOnNext(receipt -> Counter.builder("fruitfulplanet.payments.webhooks")
                        .description("Verified provider webhooks by what they did")
                        .tag("provider", provider).tag("outcome", receipt.outcome())
                        .register(meters).increment());
    }

    private Mono<WebhookReceipt> apply(String provider, WebhookNotification notification) {
        return ledger.transactionByKey(notification.data().idempotencyKey())
                .filterWhen(transaction -> ledger.find(transaction.paymentId())
                        .map(payment -> payment.provider().equals(provider)))
                .flatMap(transaction -> notification.resultFor(transaction.type())
                        .map(result -> settlements.settle(transaction.id(), result)
                                .flatMap(settled -> settled
                                        ? settledBy(notification, transaction)
                                        : Mono.just(WebhookReceipt.ALREADY_SETTLED)))
                        .orElseGet(() -> {
                            log.info("Webhook {} ({}) from {} is not about the {} with key {}: ignored",
                                    notification.id(), notification.type(), provider, transaction.type().tag(),
                                    transaction.idempotencyKey());
                            return Mono.just(WebhookReceipt.IGNORED);
                        }))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    log.warn("Webhook {} from {} names the unknown key {}: ignored", notification.id(), provider,
                            notification.data().idempotencyKey());
                    return WebhookReceipt.UNKNOWN_TRANSACTION;
                }));
    }

    private Mono<WebhookReceipt> settledBy(WebhookNotification notification, LedgerTransaction transaction) {
        log.info("Webhook {} ({}) settled the {} of payment {}", notification.id(), notification.type(),
                transaction.type().tag(), transaction.paymentId());
        return processor.afterCommit(transaction.paymentId()).thenReturn(WebhookReceipt.SETTLED);
    }

    /** Records the event id; false when it was seen before (its first delivery did whatever it did). */
    private Mono<Boolean> firstDelivery(String provider, WebhookNotification notification) {
        return db.sql("""
                        INSERT INTO webhook_event (provider, event_id, type) VALUES (:provider, :id, :type)
                        ON CONFLICT DO NOTHING""")
                .bind("provider", provider).bind("id", notification.id()).bind("type", notification.type())
                .fetch().rowsUpdated().map(inserted -> inserted == 1);
    }

    private WebhookNotification parse(byte[] body) {
        try {
            return body.length == 0 ? null : json.readValue(body, WebhookNotification.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    private <T> Mono<T> rejected(String provider, WebhookRejection rejection) {
        Counter.builder("fruitfulplanet.payments.webhooks.rejected")
                .description("Webhooks refused before they could change anything, by why")
                .tag("provider", provider).tag("reason", rejection.tag())
                .register(meters).increment();
        ErrorResponseException problem = Problems.problem(rejection.status(), rejection.tag(), "Webhook rejected",
                rejection.detail());
        return Mono.error(problem);
    }

    /** What a verified webhook did: {@code {"outcome": "settled"}}. */
    record WebhookReceipt(String outcome) {
        static final WebhookReceipt SETTLED = new WebhookReceipt("settled");
        static final WebhookReceipt ALREADY_SETTLED = new WebhookReceipt("already-settled");
        static final WebhookReceipt DUPLICATE = new WebhookReceipt("duplicate");
        static final WebhookReceipt IGNORED = new WebhookReceipt("ignored");
        static final WebhookReceipt UNKNOWN_TRANSACTION = new WebhookReceipt("unknown-transaction");
    }
}
