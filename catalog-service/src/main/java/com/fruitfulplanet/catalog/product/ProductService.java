package com.fruitfulplanet.catalog.product;

import com.fruitfulplanet.catalog.cache.CatalogCache;
import com.fruitfulplanet.catalog.web.CatalogProblems;
import com.fruitfulplanet.catalog.web.Versions;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.platform.problem.Problems;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Products as editors change them. Every write is one transaction with its events (ProductUpserted, PriceChanged,
 * ProductDeleted); the cache entry goes right after the commit (so the editor reads their own write) and again
 * when the event comes back (for every replica and every other way the product can change).
 */
@Service
public class ProductService {

    private static final Logger log = LoggerFactory.getLogger(ProductService.class);
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");

    private final Products products;
    private final ProductEvents events;
    private final CatalogCache cache;
    private final Versions versions;
    private final TransactionalOperator transactions;

    public ProductService(Products products, ProductEvents events, CatalogCache cache, Versions versions,
            TransactionalOperator transactions) {
        this.products = products;
        this.events = events;
        this.cache = cache;
        this.versions = versions;
        this.transactions = transactions;
    }

    /** A product; drafts only for staff (others get 404, as for a product that does not exist). */
    public Mono<ProductView> get(UUID id, boolean staff) {
        return cache.product(id, () -> products.byId(id))
                .filter(product -> staff || product.status() != ProductStatus.DRAFT)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("product")));
    }

    public Mono<ProductView> create(ProductRequest request) {
        checkPrice(request.price());
        UUID id = UUID.randomUUID();
        Mono<ProductView> work = products.insert(id, request)
                .switchIfEmpty(Mono.defer(() -> brandProblemOr(request.brandId(),
                        CatalogProblems.duplicateSku(request.sku().strip()))))
                .then(products.byId(id))
                .flatMap(created -> events.upserted(created).thenReturn(created));
        return transactions.transactional(work).flatMap(this::evicted);
    }

    public Mono<ProductView> replace(UUID id, ProductRequest request, Long expectedVersion) {
        checkPrice(request.price());
        Mono<ProductView> work = products.priceForUpdate(id)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("product")))
                .flatMap(oldPrice -> write(id, request, expectedVersion, oldPrice));
        return transactions.transactional(work).flatMap(this::evicted);
    }

    public Mono<ProductView> patch(UUID id, ProductPatch patch, Long expectedVersion) {
        if (patch.price() != null) {
            checkPrice(patch.price());
        }
        // Lock first, then merge with what is there: the patch applies to exactly the version it was merged with.
        Mono<ProductView> work = products.priceForUpdate(id)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("product")))
                .flatMap(oldPrice -> products.byId(id).flatMap(current -> {
                    if (expectedVersion != null && expectedVersion != current.version()) {
                        return Mono.error(CatalogProblems.staleVersion("product", current.version()));
                    }
                    return write(id, patch.applyTo(current), current.version(), oldPrice);
                }));
        return transactions.transactional(work).flatMap(this::evicted);
    }

    public Mono<Void> delete(UUID id, Long expectedVersion) {
        Mono<ProductView> work = products.softDelete(id, expectedVersion)
                .switchIfEmpty(versions.missingOrStale(Versions.Table.PRODUCT, id))
                .flatMap(deleted -> events.deleted(deleted, Instant.now()).thenReturn(deleted));
        return transactions.transactional(work).flatMap(this::evicted).then();
    }

    private Mono<ProductView> write(UUID id, ProductRequest request, Long expectedVersion, Money oldPrice) {
        return products.update(id, request, expectedVersion)
                .onErrorMap(DuplicateKeyException.class, e -> CatalogProblems.duplicateSku(request.sku().strip()))
                .switchIfEmpty(Mono.defer(() -> products.liveBrand(request.brandId()).flatMap(brandThere -> brandThere
                        ? versions.missingOrStale(Versions.Table.PRODUCT, id)
                        : Mono.error(noSuchBrand()))))
                .then(products.byId(id))
                .flatMap(after -> events.changed(oldPrice, after).thenReturn(after));
    }

    private <T> Mono<T> brandProblemOr(UUID brandId, RuntimeException otherwise) {
        return products.liveBrand(brandId).flatMap(there -> Mono.error(there ? otherwise : noSuchBrand()));
    }

    private static RuntimeException noSuchBrand() {
        return Problems.invalidField("brandId", "is not a brand of the catalog");
    }

    private static void checkPrice(Money price) {
        if (price.amount().signum() < 0 || price.amount().compareTo(MAX_PRICE) >= 0) {
            throw Problems.invalidField("price.amount", "must be between 0 and " + MAX_PRICE.toPlainString());
        }
    }

    /** Best effort: the event will evict again; a Redis hiccup must not turn a committed write into an error. */
    private Mono<ProductView> evicted(ProductView product) {
        return cache.evictProduct(product.id(), "write")
                .onErrorResume(error -> {
                    log.warn("Cache eviction after writing product {} failed (the event will retry): {}",
                            product.id(), error.toString());
                    return Mono.empty();
                })
                .thenReturn(product);
    }
}
