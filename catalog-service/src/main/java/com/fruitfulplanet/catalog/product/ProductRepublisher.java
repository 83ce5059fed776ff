package com.fruitfulplanet.catalog.product;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Publishes the current state of every product again — {@code ProductUpserted} for a live one, {@code ProductDeleted}
 * for a deleted one — for consumers that
 * build their own copy of the catalog (order-service's read model) and need to (re)build it from scratch: the topic
 * keeps a week of events, not the whole catalog. Each event carries the product's own time of change, so a
 * consumer that already has that state (or a newer one) changes nothing. Products go out in id order, a chunk per
 * transaction, so a catalog of any size never makes one huge transaction.
 */
@Service
public class ProductRepublisher {

    static final int CHUNK = 2_000;
    private static final Logger log = LoggerFactory.getLogger(ProductRepublisher.class);

    private final DatabaseClient db;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Counter republished;

    ProductRepublisher(DatabaseClient db, Outbox outbox, TransactionalOperator transactions, MeterRegistry meters) {
        this.db = db;
        this.outbox = outbox;
        this.transactions = transactions;
        this.republished = Counter.builder("fruitfulplanet.catalog.republished")
                .description("Products published again by POST /api/v1/admin/catalog/republish")
                .register(meters);
    }

    /**
     * Emits how many products were published.
     *
     * @param sectorId only this sector's products; null for the whole catalog
     */
    public Mono<Long> republish(UUID sectorId) {
        long started = System.nanoTime();
        return chunkAfter(sectorId, null)
                .expand(chunk -> chunk.size() < CHUNK ? Mono.empty() : chunkAfter(sectorId, chunk.getLast().id()))
                .map(List::size)
                .doOnNext(republished::increment)
                .reduce(0L, Long::sum)
                .doOnNext(count -> log.info("Republished {} products in {} ms", count,
                        (System.nanoTime() - started) / 1_000_000));
    }

    private Mono<List<Row>> chunkAfter(UUID sectorId, UUID after) {
        // UUIDs compare in PostgreSQL as unsigned bytes; the first chunk has no lower bound at all.
        String from = (after == null ? "" : "AND id > :after") + (sectorId == null ? "" : " AND sector_id = :sector");
        DatabaseClient.GenericExecuteSpec select = db.sql("""
                        SELECT id, sku, name, sector_id, brand_id, price_amount, currency::text AS currency, status,
                               updated_at, deleted_at
                          FROM product
                         WHERE true %s
                         ORDER BY id
                         LIMIT :chunk
                        """.formatted(from))
                .bind("chunk", CHUNK);
        if (after != null) {
            select = select.bind("after", after);
        }
        if (sectorId != null) {
            select = select.bind("sector", sectorId);
        }
        return select
                .map(row -> {
                    UUID id = row.get("id", UUID.class);
                    Instant deletedAt = row.get("deleted_at", Instant.class);
                    DomainEvent event = deletedAt != null
                            ? new ProductDeleted(id, row.get("sku", String.class), deletedAt)
                            : new ProductUpserted(id, row.get("sku", String.class), row.get("name", String.class),
                                    row.get("sector_id", UUID.class), row.get("brand_id", UUID.class),
                                    new Money(row.get("price_amount", BigDecimal.class),
                                            Currency.getInstance(row.get("currency", String.class).trim())),
                                    ProductStatus.ACTIVE.name().equals(row.get("status", String.class)),
                                    row.get("updated_at", Instant.class));
                    return new Row(id, event);
                })
                .all()
                .collectList()
                .flatMap(chunk -> outbox.appendAll(chunk.stream().map(Row::event).toList()).thenReturn(chunk))
                .as(transactions::transactional);
    }


    private record Row(UUID id, DomainEvent event) {
    }
}
