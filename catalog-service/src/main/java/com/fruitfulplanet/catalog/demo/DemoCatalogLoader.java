package com.fruitfulplanet.catalog.demo;

import com.fruitfulplanet.catalog.bulk.BatchResult;
import com.fruitfulplanet.catalog.bulk.CatalogBatches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Fills an empty catalog with the {@link DemoCatalog} when {@code fruitfulplanet.catalog.demo-data.enabled} is set,
 * through the same {@link CatalogBatches} 1C's data takes (so it gets the same checks and events). Runs in the
 * background once the service is up; a failure is logged and the service carries on with what it has.
 *
 * <p>Replicas starting together load it once: each takes an advisory lock and looks for products inside the same
 * transaction, so the second one waits for the first to commit and then finds the catalog no longer empty.
 */
@Component
class DemoCatalogLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogLoader.class);

    private final DemoDataProperties properties;
    private final CatalogBatches batches;
    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    DemoCatalogLoader(DemoDataProperties properties, CatalogBatches batches, DatabaseClient db,
            TransactionalOperator transactions) {
        this.properties = properties;
        this.batches = batches;
        this.db = db;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (!properties.enabled()) {
            return;
        }
        loadIfCatalogEmpty().subscribe(
                result -> log.info("Loaded the demo catalog: {} products, {} prices, {} stock rows",
                        result.products().created(), result.prices().created(), result.stock().created()),
                error -> log.error("Could not load the demo catalog; the service runs without it", error),
                () -> log.debug("Demo catalog not loaded: the catalog already has products"));
    }

    /** Loads the demo catalog if there is no product at all (deleted ones included); empty otherwise. */
    Mono<BatchResult> loadIfCatalogEmpty() {
        return transactions.transactional(
                db.sql("SELECT pg_advisory_xact_lock(hashtextextended('catalog.demo-data', 0))").then()
                        .then(db.sql("SELECT EXISTS (SELECT 1 FROM product) AS present")
                                .map(row -> row.get("present", Boolean.class)).one())
                        .filter(present -> !present)
                        .flatMap(empty -> targets())
                        .flatMap(targets -> batches.apply(DemoCatalog.build(targets))));
    }

    /** The shop's default price type and warehouse, which the demo's retail prices and stock go to. */
    Mono<DemoCatalog.Targets> targets() {
        return db.sql("""
                        SELECT (SELECT external_id FROM price_type WHERE is_default) AS price_type,
                               (SELECT external_id FROM warehouse WHERE is_default) AS warehouse,
                               (SELECT code FROM warehouse WHERE is_default) AS warehouse_code""")
                .map(row -> new DemoCatalog.Targets(row.get("price_type", String.class),
                        row.get("warehouse", String.class), row.get("warehouse_code", String.class)))
                .one();
    }
}
