package com.fruitfulplanet.catalog.bulk;

import com.fruitfulplanet.catalog.web.Slugs;
import com.fruitfulplanet.catalog.bulk.BatchResult.ClampedStock;
import com.fruitfulplanet.catalog.bulk.BatchResult.Counts;
import com.fruitfulplanet.catalog.bulk.BatchStatements.Change;
import com.fruitfulplanet.catalog.bulk.BatchStatements.CodeHolder;
import com.fruitfulplanet.catalog.bulk.BatchStatements.Coded;
import com.fruitfulplanet.catalog.bulk.BatchStatements.DefaultPriceChange;
import com.fruitfulplanet.catalog.bulk.BatchStatements.Named;
import com.fruitfulplanet.catalog.bulk.BatchStatements.ProductChange;
import com.fruitfulplanet.catalog.bulk.BatchStatements.SlugHolder;
import com.fruitfulplanet.catalog.bulk.BatchStatements.StockOutcome;
import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.catalog.PriceChanged;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
import com.fruitfulplanet.contracts.events.catalog.StockChanged;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import com.fruitfulplanet.platform.problem.FieldError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

/**
 * Applies a {@link CatalogBatch}: the one way 1C's catalog (through sync-1c-service and the internal API) and the
 * demo catalog get into the shop.
 *
 * <p>One transaction, behind an advisory lock that serialises batches: checks that need the database (references,
 * SKUs) come first, then each section is one statement (see {@link BatchStatements}); every product the batch
 * changed, in whichever sections, steps its version once and gets one {@code ProductUpserted}. The product events go
 * to the outbox before the stock section, the stock events after it, so the stock rows reservations need are held
 * for as short a time as possible. A refused batch writes nothing. Rows that are already as the batch says are not
 * written and cause no event, so sending the same batch twice changes nothing the second time.
 *
 * <p>Decisions: a product 1C creates has no price until its default price type's price arrives, so it is created
 * {@code DRAFT} at 0 and becomes what 1C wants ({@code ACTIVE} unless the row says otherwise) with its first
 * default price, which is not a {@code PriceChanged} (there was no price to change). Stock below what orders have
 * reserved is set to the reserved quantity and reported in {@link BatchResult#clampedStock()}. Sectors, brands and
 * products that 1C sends again after the shop deleted them are live again: 1C is the master of the catalog.
 */
@Service
public class CatalogBatches {

    private static final Logger log = LoggerFactory.getLogger(CatalogBatches.class);
    /** Sectors and price types/warehouses have no parent; slugs and codes are unique across their table. */
    private static final Object NO_PARENT = "";

    private final BatchStatements statements;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final BulkProperties properties;

    CatalogBatches(BatchStatements statements, Outbox outbox, TransactionalOperator transactions,
            BulkProperties properties) {
        this.statements = statements;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
    }

    /**
     * Applies the batch in one transaction (joining the caller's, if any), or fails with a problem and writes
     * nothing: {@code 413 batch-too-large}, {@code 400 validation-failed}, {@code 422 unknown-reference},
     * {@code 409 duplicate-sku | duplicate-slug | duplicate-code | default-price-type}.
     */
    public Mono<BatchResult> apply(CatalogBatch batch) {
        return Mono.defer(() -> {
            ErrorResponseException tooLarge = BatchValidation.sizeProblem(batch, properties.maxRowsPerSection());
            if (tooLarge != null) {
                return Mono.error(tooLarge);
            }
            List<FieldError> errors = BatchValidation.errors(batch);
            if (!errors.isEmpty()) {
                return Mono.error(BatchProblems.invalid(errors));
            }
            Run run = new Run(batch);
            return transactions.transactional(run.apply())
                    .onErrorMap(DuplicateKeyException.class, BatchProblems::fromDuplicateKey)
                    .doOnNext(run::log);
        });
    }

    /** The state of one batch being applied; its steps run one after the other. */
    private final class Run {

        private final CatalogBatch batch;
        private final long started = System.nanoTime();
        private Instant at;
        private Counts sectors = Counts.NONE;
        private Counts brands = Counts.NONE;
        private Counts priceTypes = Counts.NONE;
        private Counts warehouses = Counts.NONE;
        private Counts products = Counts.NONE;
        private Counts prices = Counts.NONE;
        private Counts stock = Counts.NONE;
        private final List<ClampedStock> clamped = new ArrayList<>();
        /** Products any section changed. */
        private final Set<UUID> changedProducts = new LinkedHashSet<>();
        private final List<DomainEvent> deletions = new ArrayList<>();
        private final List<DomainEvent> upserts = new ArrayList<>();
        private final List<DomainEvent> priceChanges = new ArrayList<>();
        private final List<DomainEvent> stockChanges = new ArrayList<>();
        private long outboxNanos;
        /** Milliseconds per step, for the debug log. */
        private final Map<String, Long> steps = new LinkedHashMap<>();

        Run(CatalogBatch batch) {
            this.batch = batch;
        }

        Mono<BatchResult> apply() {
            return statements.lockForBatch()
                    .doOnNext(time -> at = time)
                    .then(timed("references", this::checkReferences))
                    .then(timed("skus", this::checkSkus))
                    .then(timed("sectors", this::sectors))
                    .then(timed("brands", this::brands))
                    .then(timed("priceTypes", this::priceTypes))
                    .then(timed("warehouses", this::warehouses))
                    .then(timed("products", this::products))
                    .then(timed("prices", this::prices))
                    .then(timed("productEvents", this::productUpserts))
                    .then(timed("outbox", () -> append(deletions, upserts, priceChanges)))
                    // Stock last, and only its own events after it: reservations wait for the stock rows a batch
                    // changed until it commits, so they are held for as short a time as possible.
                    .then(timed("stock", this::stock))
                    .then(timed("stockOutbox", () -> append(stockChanges)))
                    .then(Mono.fromSupplier(() -> new BatchResult(sectors, brands, priceTypes, warehouses, products,
                            prices, stock, clamped)));
        }

        /** A step, deferred, with its duration kept for the log. */
        private Mono<Void> timed(String step, Supplier<Mono<Void>> body) {
            return Mono.defer(() -> {
                long stepStarted = System.nanoTime();
                return body.get().doOnSuccess(done -> steps.put(step,
                        Duration.ofNanos(System.nanoTime() - stepStarted).toMillis()));
            });
        }

        // --- checks

        /** Every external id a row refers to is in the batch or in the catalog; prices are in their type's currency. */
        private Mono<Void> checkReferences() {
            Set<String> sectorIds = ids(batch.sectors(), CatalogBatch.Sector::externalId);
            Set<String> brandIds = ids(batch.brands(), CatalogBatch.Brand::externalId);
            Set<String> productIds = ids(batch.products(), CatalogBatch.Product::externalId);
            Set<String> priceTypeIds = ids(batch.priceTypes(), CatalogBatch.PriceType::externalId);
            Set<String> warehouseIds = ids(batch.warehouses(), CatalogBatch.Warehouse::externalId);
            Map<String, Set<String>> wanted = Map.of(
                    "sector", notIn(sectorIds, batch.brands().stream().map(CatalogBatch.Brand::sectorExternalId)),
                    "brand", notIn(brandIds, batch.products().stream().map(CatalogBatch.Product::brandExternalId)),
                    "product", notIn(productIds, Stream.concat(
                            batch.prices().stream().map(CatalogBatch.Price::productExternalId),
                            batch.stock().stream().map(CatalogBatch.Stock::productExternalId))),
                    "priceType", notIn(priceTypeIds,
                            batch.prices().stream().map(CatalogBatch.Price::priceTypeExternalId)),
                    "warehouse", notIn(warehouseIds,
                            batch.stock().stream().map(CatalogBatch.Stock::warehouseExternalId)));
            Mono<Map<String, Map<String, String>>> found = wanted.values().stream().allMatch(Set::isEmpty)
                    ? Mono.just(Map.of()) : statements.existing(wanted);
            return found.flatMap(existing -> {
                List<FieldError> unknown = new ArrayList<>();
                Reference refs = new Reference(existing, unknown);
                refs.check("brands", batch.brands(), CatalogBatch.Brand::sectorExternalId, "sectorExternalId",
                        "sector", sectorIds);
                refs.check("products", batch.products(), CatalogBatch.Product::brandExternalId, "brandExternalId",
                        "brand", brandIds);
                refs.check("prices", batch.prices(), CatalogBatch.Price::productExternalId, "productExternalId",
                        "product", productIds);
                refs.check("prices", batch.prices(), CatalogBatch.Price::priceTypeExternalId,
                        "priceTypeExternalId", "priceType", priceTypeIds);
                refs.check("stock", batch.stock(), CatalogBatch.Stock::productExternalId, "productExternalId",
                        "product", productIds);
                refs.check("stock", batch.stock(), CatalogBatch.Stock::warehouseExternalId, "warehouseExternalId",
                        "warehouse", warehouseIds);
                if (!unknown.isEmpty()) {
                    return Mono.error(BatchProblems.unknownReferences(unknown));
                }
                return checkCurrencies(existing.getOrDefault("priceType", Map.of()));
            });
        }

        private Mono<Void> checkCurrencies(Map<String, String> storedTypeCurrencies) {
            Map<String, String> currencies = new HashMap<>(storedTypeCurrencies);
            batch.priceTypes().forEach(type -> currencies.put(type.externalId(), type.currency()));
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < batch.prices().size(); i++) {
                CatalogBatch.Price price = batch.prices().get(i);
                String expected = currencies.get(price.priceTypeExternalId());
                if (expected != null && !expected.equals(price.currency())) {
                    errors.add(new FieldError("prices[" + i + "].currency", "must be " + expected
                            + ", the currency of price type '" + price.priceTypeExternalId() + "'"));
                }
            }
            return errors.isEmpty() ? Mono.empty() : Mono.error(BatchProblems.invalid(errors));
        }

        /** No SKU of the batch's live products belongs to a live product outside the batch. */
        private Mono<Void> checkSkus() {
            Map<String, Integer> rowBySku = new LinkedHashMap<>();
            for (int i = 0; i < batch.products().size(); i++) {
                CatalogBatch.Product product = batch.products().get(i);
                if (!Boolean.TRUE.equals(product.deleted())) {
                    rowBySku.put(product.sku(), i);
                }
            }
            if (rowBySku.isEmpty()) {
                return Mono.empty();
            }
            Set<String> batchProducts = ids(batch.products(), CatalogBatch.Product::externalId);
            return statements.liveSkuHolders(rowBySku.keySet())
                    // A product of the batch holding the SKU is either the row itself, or gives the SKU up in it.
                    .filter(holder -> holder.externalId() == null || !batchProducts.contains(holder.externalId()))
                    .map(BatchStatements.SkuHolder::sku)
                    .collectList()
                    .flatMap(taken -> {
                        if (taken.isEmpty()) {
                            return Mono.empty();
                        }
                        List<FieldError> errors = taken.stream().map(rowBySku::get).sorted()
                                .map(i -> new FieldError("products[" + i + "].sku",
                                        "is the SKU of another live product"))
                                .toList();
                        return Mono.error(BatchProblems.duplicateSku(errors, taken.stream().sorted().toList()));
                    });
        }

        // --- sections

        private Mono<Void> sectors() {
            List<CatalogBatch.Sector> rows = batch.sectors();
            if (rows.isEmpty()) {
                return Mono.empty();
            }
            return statements.sectorSlugs().collectList().flatMap(holders -> {
                List<SlugRequest> requests = rows.stream()
                        .map(row -> new SlugRequest(row.externalId(), NO_PARENT, row.name(), row.slug())).toList();
                List<FieldError> conflicts = new ArrayList<>();
                List<String> slugs = assignSlugs("sectors", "slug", requests, holders, "sector", conflicts);
                if (!conflicts.isEmpty()) {
                    return Mono.error(BatchProblems.duplicateSlug(conflicts));
                }
                List<Named> named = new ArrayList<>(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    CatalogBatch.Sector row = rows.get(i);
                    named.add(new Named(row.externalId(), null, row.name(), slugs.get(i), orEmpty(row.description())));
                }
                return statements.upsertSectors(named).collectList()
                        .doOnNext(changes -> sectors = counts(rows.size(), changes))
                        .then();
            });
        }

        private Mono<Void> brands() {
            List<CatalogBatch.Brand> rows = batch.brands();
            if (rows.isEmpty()) {
                return Mono.empty();
            }
            Set<String> sectorRefs = ids(rows, CatalogBatch.Brand::sectorExternalId);
            return statements.sectorIds(sectorRefs).collectMap(Map.Entry::getKey, Map.Entry::getValue)
                    .flatMap(sectorIds -> statements
                            .brandSlugs(ids(rows, CatalogBatch.Brand::externalId), sectorIds.values())
                            .collectList()
                            .flatMap(holders -> {
                                List<SlugRequest> requests = rows.stream()
                                        .map(row -> new SlugRequest(row.externalId(),
                                                sectorIds.get(row.sectorExternalId()), row.name(), row.slug()))
                                        .toList();
                                List<FieldError> conflicts = new ArrayList<>();
                                List<String> slugs = assignSlugs("brands", "slug", requests, holders, "brand",
                                        conflicts);
                                if (!conflicts.isEmpty()) {
                                    return Mono.error(BatchProblems.duplicateSlug(conflicts));
                                }
                                List<Named> named = new ArrayList<>(rows.size());
                                for (int i = 0; i < rows.size(); i++) {
                                    CatalogBatch.Brand row = rows.get(i);
                                    named.add(new Named(row.externalId(), sectorIds.get(row.sectorExternalId()),
                                            row.name(), slugs.get(i), orEmpty(row.description())));
                                }
                                return statements.upsertBrands(named).collectList().doOnNext(changes -> {
                                    List<Change> brandChanges = new ArrayList<>();
                                    changes.forEach(change -> {
                                        if (change.isProduct()) {
                                            changedProducts.add(change.id());
                                        } else {
                                            brandChanges.add(new Change(change.id(), change.externalId(),
                                                    change.created()));
                                        }
                                    });
                                    brands = counts(rows.size(), brandChanges);
                                }).then();
                            }));
        }

        private Mono<Void> priceTypes() {
            List<Coded> rows = batch.priceTypes().stream().map(row -> new Coded(row.externalId(), row.code(),
                    row.name(), row.currency(), Boolean.TRUE.equals(row.isDefault()))).toList();
            if (rows.isEmpty()) {
                return Mono.empty();
            }
            return statements.codeHolders("price_type").collectList().flatMap(stored -> {
                Map<UUID, String> links = links(rows, stored);
                CodeHolder currentDefault = stored.stream().filter(CodeHolder::isDefault).findFirst().orElse(null);
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i).isDefault() && currentDefault != null
                            && !rows.get(i).externalId().equals(externalIdOf(currentDefault, links))) {
                        return Mono.error(BatchProblems.defaultPriceTypeTaken("priceTypes[" + i + "].default",
                                currentDefault.code()));
                    }
                }
                return writeCoded("priceTypes", "price_type", "price-type", rows, stored, links,
                        statements::upsertPriceTypes);
            }).doOnNext(counts -> priceTypes = counts).then();
        }

        private Mono<Void> warehouses() {
            List<Coded> rows = batch.warehouses().stream()
                    .map(row -> new Coded(row.externalId(), row.code(), row.name(), null, false)).toList();
            if (rows.isEmpty()) {
                return Mono.empty();
            }
            return statements.codeHolders("warehouse").collectList()
                    .flatMap(stored -> writeCoded("warehouses", "warehouse", "warehouse", rows, stored,
                            links(rows, stored), statements::upsertWarehouses))
                    .doOnNext(counts -> warehouses = counts).then();
        }

        /** Price types and warehouses: links what the shop made first, gives every row its code, writes them. */
        private Mono<Counts> writeCoded(String section, String table, String fallback, List<Coded> rows,
                List<CodeHolder> stored, Map<UUID, String> links, Function<List<Coded>, Flux<Change>> upsert) {
            List<FieldError> conflicts = new ArrayList<>();
            List<String> codes = assignCodes(section, rows.stream()
                    .map(row -> new SlugRequest(row.externalId(), NO_PARENT, row.name(), row.code())).toList(),
                    stored, links, fallback, conflicts);
            if (!conflicts.isEmpty()) {
                return Mono.error(BatchProblems.duplicateCode(conflicts));
            }
            List<Coded> coded = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Coded row = rows.get(i);
                coded.add(new Coded(row.externalId(), codes.get(i), row.name(), row.currency(), row.isDefault()));
            }
            return (links.isEmpty() ? Mono.<Void>empty() : statements.link(table, links))
                    .then(upsert.apply(coded).collectList())
                    .map(changes -> countsWithLinks(rows.size(), changes, links));
        }

        private Mono<Void> products() {
            List<CatalogBatch.Product> rows = batch.products();
            if (rows.isEmpty()) {
                return Mono.empty();
            }
            return statements.upsertProducts(rows).collectList().doOnNext(changes -> {
                int created = 0;
                for (ProductChange change : changes) {
                    created += change.created() ? 1 : 0;
                    if (!change.created() || !change.deleted()) {
                        changedProducts.add(change.id());
                    }
                    if (change.deletedNow()) {
                        deletions.add(new ProductDeleted(change.id(), change.sku(), change.deletedAt()));
                    }
                }
                products = Counts.of(rows.size(), created, changes.size() - created);
            }).then();
        }

        private Mono<Void> prices() {
            List<CatalogBatch.Price> rows = batch.prices();
            if (rows.isEmpty()) {
                return Mono.empty();
            }
            return statements.priceTypeDefaults(ids(rows, CatalogBatch.Price::priceTypeExternalId))
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                    .flatMap(isDefault -> {
                        Map<Boolean, List<CatalogBatch.Price>> byKind = rows.stream().collect(
                                Collectors.partitioningBy(row -> isDefault.get(row.priceTypeExternalId())));
                        // One statement after the other: they share the transaction's connection.
                        return orNone(byKind.get(true), statements::updateDefaultPrices)
                                .flatMap(defaults -> orNone(byKind.get(false), statements::upsertOtherPrices)
                                        .map(others -> Tuples.of(defaults, others)));
                    })
                    .doOnNext(changes -> {
                        int created = 0;
                        for (DefaultPriceChange change : changes.getT1()) {
                            if (change.firstPrice()) {
                                created++;
                            } else if (!change.deleted()) {
                                priceChanges.add(new PriceChanged(change.productId(),
                                        money(change.oldAmount(), change.oldCurrency()),
                                        money(change.amount(), change.currency()), at));
                            }
                            changedProducts.add(change.productId());
                        }
                        for (Change change : changes.getT2()) {
                            created += change.created() ? 1 : 0;
                            changedProducts.add(change.id());
                        }
                        prices = Counts.of(rows.size(), created,
                                changes.getT1().size() + changes.getT2().size() - created);
                    })
                    .then();
        }

        private Mono<Void> stock() {
            List<CatalogBatch.Stock> rows = batch.stock();
            if (rows.isEmpty()) {
                return Mono.empty();
            }
            return statements.upsertStock(rows).collectList().doOnNext(outcomes -> {
                int created = 0;
                int updated = 0;
                outcomes.sort(Comparator.comparingInt(StockOutcome::index));
                for (StockOutcome outcome : outcomes) {
                    if (outcome.changed()) {
                        created += outcome.created() ? 1 : 0;
                        updated += outcome.created() ? 0 : 1;
                        if (outcome.live() && outcome.available() != outcome.oldAvailable()) {
                            stockChanges.add(new StockChanged(outcome.productId(), outcome.warehouseId(),
                                    outcome.available(), at));
                        }
                    }
                    if (outcome.reserved() > outcome.requested()) {
                        CatalogBatch.Stock row = rows.get(outcome.index());
                        clamped.add(new ClampedStock(row.productExternalId(), row.warehouseExternalId(),
                                outcome.requested(), outcome.reserved()));
                    }
                }
                stock = Counts.of(rows.size(), created, updated);
            }).then();
        }

        /** One ProductUpserted per live product the batch changed, whichever sections did, with its final state. */
        private Mono<Void> productUpserts() {
            if (changedProducts.isEmpty()) {
                return Mono.empty();
            }
            return statements.changedProducts(changedProducts)
                    .filter(state -> !state.deleted())
                    .doOnNext(state -> upserts.add(new ProductUpserted(state.id(), state.sku(), state.name(),
                            state.sectorId(), state.brandId(), money(state.amount(), state.currency()),
                            "ACTIVE".equals(state.status()), state.updatedAt())))
                    .then();
        }

        /** All of a batch's events in order, with multi-row inserts (thousands of events per round trip). */
        @SafeVarargs
        private Mono<Void> append(List<DomainEvent>... events) {
            long appendStarted = System.nanoTime();
            List<DomainEvent> all = new ArrayList<>();
            for (List<DomainEvent> list : events) {
                all.addAll(list);
            }
            return outbox.appendAll(all).then()
                    .doOnSuccess(done -> outboxNanos += System.nanoTime() - appendStarted);
        }

        void log(BatchResult result) {
            long total = System.nanoTime() - started;
            log.info("Catalog batch applied in {} ms (statements {} ms; outbox {} events in {} ms): sectors {}, "
                            + "brands {}, price types {}, warehouses {}, products {}, prices {}, stock {}, "
                            + "clamped stock {}",
                    Duration.ofNanos(total).toMillis(), Duration.ofNanos(total - outboxNanos).toMillis(),
                    deletions.size() + upserts.size() + priceChanges.size() + stockChanges.size(),
                    Duration.ofNanos(outboxNanos).toMillis(), brief(result.sectors()), brief(result.brands()),
                    brief(result.priceTypes()), brief(result.warehouses()), brief(result.products()),
                    brief(result.prices()), brief(result.stock()), result.clampedStock().size());
            log.debug("Catalog batch steps (ms): {}", steps);
        }
    }

    // --- slugs and codes

    /** A row that gets a slug (or code): its own if given, else the existing row's, else one from its name. */
    private record SlugRequest(String externalId, Object parent, String name, String explicit) {
    }

    /**
     * The slug each row is written with (null: the existing row keeps its own), with conflicts reported per row.
     * What is fixed (given slugs, kept slugs) is taken first; new rows are then numbered around it.
     */
    private static List<String> assignSlugs(String section, String field, List<SlugRequest> requests,
            List<SlugHolder> holders, String fallback, List<FieldError> conflicts) {
        TakenSlugs taken = new TakenSlugs();
        Map<String, SlugHolder> existing = new HashMap<>();
        for (SlugHolder holder : holders) {
            if (holder.live()) {
                taken.add(parentOf(holder), holder.slug(), holder.externalId());
            }
            if (holder.externalId() != null) {
                existing.put(holder.externalId(), holder);
            }
        }
        List<String> slugs = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            SlugRequest request = requests.get(i);
            SlugHolder current = existing.get(request.externalId());
            String fixed = request.explicit() != null ? request.explicit() : current != null ? current.slug() : null;
            if (fixed != null && taken.heldByAnother(request.parent(), fixed, request.externalId())) {
                conflicts.add(new FieldError(section + "[" + i + "]." + field, request.explicit() != null
                        ? "is used by another live row of the same parent"
                        : "the row keeps its slug '" + fixed + "', which another live row of its parent has"));
            } else if (fixed != null) {
                taken.add(request.parent(), fixed, request.externalId());
            }
            slugs.add(request.explicit() != null || current == null ? request.explicit() : null);
        }
        for (int i = 0; i < requests.size(); i++) {
            SlugRequest request = requests.get(i);
            if (slugs.get(i) == null && !existing.containsKey(request.externalId())) {
                slugs.set(i, taken.allocate(request.parent(), Slugs.of(request.name(), fallback),
                        request.externalId()));
            }
        }
        return slugs;
    }

    /** Codes work like sector slugs, over every row (price types and warehouses are never soft-deleted). */
    private static List<String> assignCodes(String section, List<SlugRequest> requests, List<CodeHolder> stored,
            Map<UUID, String> links, String fallback, List<FieldError> conflicts) {
        List<SlugHolder> holders = stored.stream()
                .map(row -> new SlugHolder(externalIdOf(row, links), null, row.code(), true)).toList();
        return assignSlugs(section, "code", requests, holders, fallback, conflicts);
    }

    /**
     * Rows the shop made before 1C knew them (no external id) that batch rows take over: the one with the row's
     * explicit code, or, for the batch's default price type, the shop's default. By row id.
     */
    private static Map<UUID, String> links(List<Coded> requests, List<CodeHolder> stored) {
        Set<String> known = stored.stream().map(CodeHolder::externalId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<String, CodeHolder> unlinkedByCode = new HashMap<>();
        CodeHolder unlinkedDefault = null;
        for (CodeHolder row : stored) {
            if (row.externalId() == null) {
                unlinkedByCode.put(row.code(), row);
                unlinkedDefault = row.isDefault() ? row : unlinkedDefault;
            }
        }
        Map<UUID, String> links = new LinkedHashMap<>();
        for (Coded request : requests) {
            if (known.contains(request.externalId())) {
                continue;
            }
            CodeHolder target = request.code() != null ? unlinkedByCode.get(request.code()) : null;
            if (target == null && request.isDefault()) {
                target = unlinkedDefault;
            }
            if (target != null) {
                links.putIfAbsent(target.id(), request.externalId());
            }
        }
        return links;
    }

    private static String externalIdOf(CodeHolder row, Map<UUID, String> links) {
        return row.externalId() != null ? row.externalId() : links.get(row.id());
    }

    private static Object parentOf(SlugHolder holder) {
        return holder.parentId() != null ? holder.parentId() : NO_PARENT;
    }

    // --- small helpers

    /** Checks one kind of reference of one section, collecting a field error per unknown external id. */
    private record Reference(Map<String, Map<String, String>> existing, List<FieldError> unknown) {

        private static final Map<String, String> KIND_NAMES = Map.of("sector", "sector", "brand", "brand",
                "product", "product", "priceType", "price type", "warehouse", "warehouse");

        <T> void check(String section, List<T> rows, Function<T, String> reference, String field, String kind,
                Set<String> inBatch) {
            Map<String, String> found = existing.getOrDefault(kind, Map.of());
            for (int i = 0; i < rows.size(); i++) {
                String externalId = reference.apply(rows.get(i));
                if (!inBatch.contains(externalId) && !found.containsKey(externalId)) {
                    unknown.add(new FieldError(section + "[" + i + "]." + field,
                            "no " + KIND_NAMES.get(kind) + " with external id '" + externalId + "'"));
                }
            }
        }
    }

    private static <T> Set<String> ids(List<T> rows, Function<T, String> externalId) {
        return rows.stream().map(externalId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> notIn(Set<String> batchIds, Stream<String> references) {
        return references.filter(reference -> !batchIds.contains(reference))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static <T, R> Mono<List<R>> orNone(List<T> rows, Function<List<T>, Flux<R>> statement) {
        return rows == null || rows.isEmpty() ? Mono.just(List.of()) : statement.apply(rows).collectList();
    }

    private static Counts counts(int rows, List<Change> changes) {
        int created = (int) changes.stream().filter(Change::created).count();
        return Counts.of(rows, created, changes.size() - created);
    }

    /** Rows linked to a 1C id count as updated even when nothing else of theirs changed. */
    private static Counts countsWithLinks(int rows, List<Change> changes, Map<UUID, String> links) {
        int created = (int) changes.stream().filter(Change::created).count();
        Set<String> updated = changes.stream().filter(change -> !change.created()).map(Change::externalId)
                .collect(Collectors.toSet());
        updated.addAll(links.values());
        return Counts.of(rows, created, updated.size());
    }

    private static Money money(BigDecimal amount, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode.strip());
        return new Money(amount.setScale(Math.max(0, currency.getDefaultFractionDigits()), RoundingMode.HALF_EVEN),
                currency);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String brief(Counts counts) {
        return "+" + counts.created() + " ~" + counts.updated() + " =" + counts.unchanged();
    }
}
