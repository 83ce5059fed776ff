package com.fruitfulplanet.catalog.brand;

import com.fruitfulplanet.catalog.cache.CatalogCache;
import com.fruitfulplanet.catalog.product.ProductEvents;
import com.fruitfulplanet.catalog.product.ProductRows;
import com.fruitfulplanet.catalog.web.CatalogProblems;
import com.fruitfulplanet.catalog.web.Versions;
import com.fruitfulplanet.platform.problem.Problems;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Brand changes that reach its products: a brand moved to another sector takes its products along (their
 * {@code sector_id}, a ProductUpserted each) in the same transaction.
 */
@Service
class BrandService {

    private final Brands brands;
    private final DatabaseClient db;
    private final ProductRows rows;
    private final ProductEvents events;
    private final CatalogCache cache;
    private final Versions versions;
    private final TransactionalOperator transactions;

    BrandService(Brands brands, DatabaseClient db, ProductRows rows, ProductEvents events, CatalogCache cache,
            Versions versions, TransactionalOperator transactions) {
        this.brands = brands;
        this.db = db;
        this.rows = rows;
        this.events = events;
        this.cache = cache;
        this.versions = versions;
        this.transactions = transactions;
    }

    Mono<Brand> replace(UUID id, BrandRequest request, Long expectedVersion) {
        String slug = request.slugOrFromName();
        Mono<Brand> work = brands.liveSector(request.sectorId())
                .flatMap(there -> there ? Mono.just(true) : Mono.error(noSuchSector()))
                .then(brands.update(id, request.sectorId(), request.name().strip(), slug,
                        request.descriptionOrEmpty(), expectedVersion))
                .onErrorMap(DuplicateKeyException.class, e -> CatalogProblems.duplicateSlug(slug))
                .switchIfEmpty(versions.missingOrStale(Versions.Table.BRAND, id))
                .flatMap(brand -> moveProducts(brand).thenReturn(brand));
        return transactions.transactional(work)
                .flatMap(brand -> cache.evictListings("write").onErrorResume(e -> Mono.empty()).thenReturn(brand));
    }

    /** Products whose sector is not their brand's any more follow it, each with its event. */
    private Mono<Void> moveProducts(Brand brand) {
        return db.sql("""
                        UPDATE product AS p SET sector_id = :sector, version = p.version + 1, updated_at = now()
                        WHERE p.brand_id = :brand AND p.sector_id <> :sector AND p.deleted_at IS NULL
                        RETURNING\s""" + ProductRows.COLUMNS)
                .bind("brand", brand.id()).bind("sector", brand.sectorId())
                .map(rows::map).all()
                .concatMap(events::upserted)
                .then();
    }

    static RuntimeException noSuchSector() {
        return Problems.invalidField("sectorId", "is not a sector of the catalog");
    }
}
