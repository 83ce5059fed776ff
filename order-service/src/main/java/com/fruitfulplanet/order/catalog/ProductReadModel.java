package com.fruitfulplanet.order.catalog;

import com.fruitfulplanet.contracts.events.catalog.PriceChanged;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
import com.fruitfulplanet.contracts.money.Money;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Applies the catalog's product events to {@code catalog_product}, inside the inbox transaction of
 * {@link CatalogProductConsumer}. The inbox stops a redelivered event; what it cannot stop is an event that arrives
 * after a newer one about the same product (a replay, a relay that sent it again, an operator's seeding). So every
 * statement compares the event's own time with the time of what the row holds and changes only what the event is
 * newer than (the migration explains the columns): an older event never overwrites a newer state, and a delete is a
 * tombstone that only a newer ProductUpserted lifts.
 *
 * <p>Metrics, once the transaction committed: {@code fruitfulplanet.order.catalog.events{type, outcome=applied|stale}}
 * and {@code fruitfulplanet.order.catalog.lag} (the catalog's change until it is applied here).
 */
@Component
class ProductReadModel {

    private final DatabaseClient db;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer lag;

    ProductReadModel(DatabaseClient db, MeterRegistry meters, ObjectProvider<Clock> clock) {
        this.db = db;
        this.meters = meters;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.lag = Timer.builder("fruitfulplanet.order.catalog.lag")
                .description("From a product change in catalog-service to its application in the read model")
                .register(meters);
    }

    /** The full state: the price, then sku, name, active and "not deleted", each if the event is newer. */
    Mono<Void> upserted(ProductUpserted event) {
        Instant at = micros(event.updatedAt());
        return price(event.productId(), event.price(), at)
                .flatMap(priceApplied -> db.sql("""
                                UPDATE catalog_product
                                   SET sku = :sku, name = :name, active = :active, deleted = false,
                                       updated_at = :at, applied_at = now()
                                 WHERE product_id = :id AND (updated_at IS NULL OR updated_at < :at)""")
                        .bind("id", event.productId())
                        .bind("sku", event.sku())
                        .bind("name", event.name())
                        .bind("active", event.active())
                        .bind("at", at)
                        .fetch().rowsUpdated()
                        .map(stateApplied -> priceApplied || stateApplied > 0))
                .flatMap(applied -> counted("product-upserted", applied, at));
    }

    Mono<Void> priceChanged(PriceChanged event) {
        return price(event.productId(), event.newPrice(), micros(event.changedAt()))
                .flatMap(applied -> counted("price-changed", applied, event.changedAt()));
    }

    /**
     * Marks the product deleted, keeping what else the row knew. At the same instant as an upsert the delete wins
     * (the catalog's delete comes after the write it deletes); a repeated delete changes nothing.
     */
    Mono<Void> deleted(ProductDeleted event) {
        return db.sql("""
                        INSERT INTO catalog_product AS p (product_id, sku, deleted, updated_at)
                        VALUES (:id, :sku, true, :at)
                        ON CONFLICT (product_id) DO UPDATE
                           SET deleted = true, updated_at = excluded.updated_at, applied_at = now()
                         WHERE p.updated_at IS NULL OR p.updated_at < excluded.updated_at
                            OR (p.updated_at = excluded.updated_at AND NOT p.deleted)""")
                .bind("id", event.productId())
                .bind("sku", event.sku())
                .bind("at", micros(event.deletedAt()))
                .fetch().rowsUpdated()
                .flatMap(rows -> counted("product-deleted", rows > 0, event.deletedAt()));
    }

    /** The price, unless the row holds one at least as new; creates a (not yet sellable) row for a new product. */
    private Mono<Boolean> price(UUID productId, Money price, Instant at) {
        return db.sql("""
                        INSERT INTO catalog_product AS p (product_id, price_amount, currency, price_changed_at)
                        VALUES (:id, :amount, :currency, :at)
                        ON CONFLICT (product_id) DO UPDATE
                           SET price_amount = excluded.price_amount, currency = excluded.currency,
                               price_changed_at = excluded.price_changed_at, applied_at = now()
                         WHERE p.price_changed_at IS NULL OR p.price_changed_at < excluded.price_changed_at""")
                .bind("id", productId)
                .bind("amount", price.amount())
                .bind("currency", price.currency().getCurrencyCode())
                .bind("at", at)
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /**
     * PostgreSQL keeps microseconds: compare in the precision that is stored, or an event could look newer than
     * itself.
     */
    private static Instant micros(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    /** Counts the event once the inbox transaction has committed, so a rolled-back attempt is not counted. */
    private Mono<Void> counted(String type, boolean applied, Instant eventTime) {
        Runnable count = () -> {
            Counter.builder("fruitfulplanet.order.catalog.events")
                    .description("Catalog product events applied to the read model, or found older than it")
                    .tag("type", type)
                    .tag("outcome", applied ? "applied" : "stale")
                    .register(meters)
                    .increment();
            Duration behind = Duration.between(eventTime, clock.instant());
            lag.record(behind.isNegative() ? Duration.ZERO : behind);
        };
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(synchronization -> synchronization.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(count);
                    }
                }))
                .onErrorResume(NoTransactionException.class, outsideTransaction -> Mono.fromRunnable(count))
                .then();
    }
}
