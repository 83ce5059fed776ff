package com.fruitfulplanet.catalog.brand;

import com.fruitfulplanet.catalog.web.Versions;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code brand}. Deleted brands, and brands of deleted sectors, are invisible here. */
@Repository
public class Brands {

    private static final String COLUMNS = """
            b.id, b.sector_id, b.name, b.slug, b.description, b.external_id, b.version, b.created_at, b.updated_at""";

    private final DatabaseClient db;

    public Brands(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Brand> byId(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM brand b WHERE b.id = :id AND b.deleted_at IS NULL")
                .bind("id", id).map(Brands::brand).one();
    }

    /** By name, then id, optionally of one sector; after the given position when not null. */
    public Flux<Brand> page(UUID sectorId, String afterName, UUID afterId, int limit) {
        String where = "b.deleted_at IS NULL"
                + (sectorId != null ? " AND b.sector_id = :sector" : "")
                + (afterId != null ? " AND (b.name, b.id) > (:afterName, :afterId)" : "");
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM brand b WHERE " + where
                + " ORDER BY b.name, b.id LIMIT :limit").bind("limit", limit);
        if (sectorId != null) {
            spec = spec.bind("sector", sectorId);
        }
        if (afterId != null) {
            spec = spec.bind("afterName", afterName).bind("afterId", afterId);
        }
        return spec.map(Brands::brand).all();
    }

    /**
     * Inserts into a live sector, or completes empty when the sector is gone or a live brand of the sector has the
     * slug (the caller tells which).
     */
    public Mono<Brand> insert(UUID id, UUID sectorId, String name, String slug, String description) {
        return db.sql("""
                        INSERT INTO brand AS b (id, sector_id, name, slug, description)
                        SELECT :id, s.id, :name, :slug, :description FROM sector s
                        WHERE s.id = :sector AND s.deleted_at IS NULL
                        ON CONFLICT (sector_id, slug) WHERE deleted_at IS NULL DO NOTHING
                        RETURNING\s""" + COLUMNS)
                .bind("id", id).bind("sector", sectorId).bind("name", name).bind("slug", slug)
                .bind("description", description)
                .map(Brands::brand).one();
    }

    /** Completes empty when the brand is gone or {@code expectedVersion} (if not null) is not the current one. */
    public Mono<Brand> update(UUID id, UUID sectorId, String name, String slug, String description,
            Long expectedVersion) {
        return Versions.bind(db.sql("""
                        UPDATE brand b SET sector_id = :sector, name = :name, slug = :slug, description = :description,
                               version = version + 1, updated_at = now()
                        WHERE b.id = :id AND b.deleted_at IS NULL"""
                        + Versions.condition("b.version", expectedVersion) + " RETURNING " + COLUMNS), expectedVersion)
                .bind("id", id).bind("sector", sectorId).bind("name", name).bind("slug", slug)
                .bind("description", description)
                .map(Brands::brand).one();
    }

    public Mono<Boolean> liveSector(UUID sectorId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM sector WHERE id = :id AND deleted_at IS NULL)")
                .bind("id", sectorId).map(row -> row.get(0, Boolean.class)).one();
    }

    public Mono<Long> liveProducts(UUID id) {
        return db.sql("SELECT count(*) FROM product WHERE brand_id = :id AND deleted_at IS NULL")
                .bind("id", id).map(row -> row.get(0, Long.class)).one();
    }

    /** Soft delete when no live product belongs to it; 0 rows otherwise. */
    public Mono<Long> softDelete(UUID id, Long expectedVersion) {
        return Versions.bind(db.sql("""
                UPDATE brand SET deleted_at = now(), updated_at = now(), version = version + 1
                WHERE id = :id AND deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM product p WHERE p.brand_id = :id AND p.deleted_at IS NULL)"""
                + Versions.condition("version", expectedVersion)), expectedVersion)
                .bind("id", id).fetch().rowsUpdated();
    }

    static Brand brand(Readable row) {
        return new Brand(row.get("id", UUID.class), row.get("sector_id", UUID.class), row.get("name", String.class),
                row.get("slug", String.class), row.get("description", String.class),
                row.get("external_id", String.class), row.get("version", Long.class),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }
}
