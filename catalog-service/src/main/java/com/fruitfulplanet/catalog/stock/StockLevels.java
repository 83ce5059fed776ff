package com.fruitfulplanet.catalog.stock;

import com.fruitfulplanet.catalog.cache.CatalogCache;
import com.fruitfulplanet.contracts.events.catalog.StockChanged;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import com.fruitfulplanet.platform.problem.Problems;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * On-hand quantities as the shop counts them. Setting one is a single upsert whose condition keeps it at or above
 * what reservations hold there (never read-modify-write), with {@code StockChanged} in the same transaction when
 * the available quantity actually changed (and then the product's cache entries are evicted once it committed).
 */
@Service
public class StockLevels {

    private static final Logger log = LoggerFactory.getLogger(StockLevels.class);

    private final StockLevelRows rows;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final CatalogCache cache;
    private final Clock clock;

    StockLevels(StockLevelRows rows, Outbox outbox, TransactionalOperator transactions, CatalogCache cache,
                ObjectProvider<Clock> clock) {
        this.rows = rows;
        this.outbox = outbox;
        this.transactions = transactions;
        this.cache = cache;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Sets the on-hand quantity of a live product in a warehouse (the default one when {@code warehouseId} is null).
     * Signals a 404 problem for an unknown or deleted product or an unknown warehouse, and a 409
     * {@code stock-below-reserved} when {@code quantity} is below what is reserved there.
     */
    public Mono<StockLevelView> setOnHand(UUID productId, UUID warehouseId, int quantity) {
        return transactions.transactional(rows.target(productId, warehouseId).flatMap(target -> {
            if (target.productId() == null) {
                return Mono.error(Problems.notFound("product"));
            }
            if (target.warehouseId() == null) {
                return Mono.error(Problems.notFound("warehouse"));
            }
            UUID warehouse = target.warehouseId();
            return rows.setOnHand(productId, warehouse, quantity)
                    .switchIfEmpty(Mono.defer(() -> rows.reserved(productId, warehouse)
                            .flatMap(reserved -> Mono.error(belowReserved(quantity, reserved)))))
                    .flatMap(change -> {
                        boolean changed = change.availableAfter() != change.availableBefore();
                        Mono<?> event = changed ? outbox.append(new StockChanged(productId, warehouse,
                                change.availableAfter(), clock.instant())) : Mono.empty();
                        return event.then(rows.available(List.of(productId)).next())
                                .map(total -> new Result(new StockLevelView(productId, warehouse, change.onHand(),
                                        change.reserved(), total.available()), changed));
                    });
        })).flatMap(result -> result.availableChanged() ? evicted(result.view()) : Mono.just(result.view()));
    }

    /** Best effort, after the commit, so the editor reads their own write; the StockChanged event evicts again. */
    private Mono<StockLevelView> evicted(StockLevelView view) {
        return cache.evictProduct(view.productId(), "write")
                .onErrorResume(error -> {
                    log.warn("Cache eviction after setting stock of product {} failed (the event will retry): {}",
                            view.productId(), error.toString());
                    return Mono.empty();
                })
                .thenReturn(view);
    }

    private static ErrorResponseException belowReserved(int quantity, int reserved) {
        return Problems.conflict("stock-below-reserved", "Stock below reserved",
                "On hand cannot be set to %d: %d units are reserved in that warehouse.".formatted(quantity, reserved));
    }

    private record Result(StockLevelView view, boolean availableChanged) {
    }
}
