package com.fruitfulplanet.catalog.sector;

import com.fruitfulplanet.catalog.web.Versions;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code sector}. Deleted sectors (deleted_at set) are invisible to every query here. */
@Repository
public class Sectors {

    private static final String COLUMNS = "id, name, slug, description, external_id, version, created_at, updated_at";

    private final DatabaseClient db;

    public Sectors(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Sector> byId(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM sector WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).map(Sectors::sector).one();
    }

    /** By name, then id; after the given position when not null. */
    public Flux<Sector> page(String afterName, UUID afterId, int limit) {
        String after = afterId != null ? " AND (name, id) > (:afterName, :afterId)" : "";
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM sector WHERE deleted_at IS NULL"
                + after + " ORDER BY name, id LIMIT :limit").bind("limit", limit);
        if (afterId != null) {
            spec = spec.bind("afterName", afterName).bind("afterId", afterId);
        }
        return spec.map(Sectors::sector).all();
    }

    /** Inserts, or completes empty when a live sector has the slug (decided by the unique index, race-free). */
    public Mono<Sector> insert(UUID id, String name, String slug, String description) {
        return db.sql("""
                        INSERT INTO sector (id, name, slug, description) VALUES (:id, :name, :slug, :description)
                        ON CONFLICT (slug) WHERE deleted_at IS NULL DO NOTHING
                        RETURNING\s""" + COLUMNS)
                .bind("id", id).bind("name", name).bind("slug", slug).bind("description", description)
                .map(Sectors::sector).one();
    }

    /** Completes empty when the sector is gone or {@code expectedVersion} (if not null) is not the current one. */
    public Mono<Sector> update(UUID id, String name, String slug, String description, Long expectedVersion) {
        return Versions.bind(db.sql("""
                        UPDATE sector SET name = :name, slug = :slug, description = :description,
                               version = version + 1, updated_at = now()
                        WHERE id = :id AND deleted_at IS NULL""" + Versions.condition("version", expectedVersion)
                        + " RETURNING " + COLUMNS), expectedVersion)
                .bind("id", id).bind("name", name).bind("slug", slug).bind("description", description)
                .map(Sectors::sector).one();
    }

    /** Soft delete when no live brand belongs to it; the number of live brands otherwise (nothing changes). */
    public Mono<Long> liveBrands(UUID id) {
        return db.sql("SELECT count(*) FROM brand WHERE sector_id = :id AND deleted_at IS NULL")
                .bind("id", id).map(row -> row.get(0, Long.class)).one();
    }

    public Mono<Long> softDelete(UUID id, Long expectedVersion) {
        return Versions.bind(db.sql("""
                UPDATE sector SET deleted_at = now(), updated_at = now(), version = version + 1
                WHERE id = :id AND deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM brand b WHERE b.sector_id = :id AND b.deleted_at IS NULL)"""
                + Versions.condition("version", expectedVersion)), expectedVersion)
                .bind("id", id).fetch().rowsUpdated();
    }

    static Sector sector(Readable row) {
        return new Sector(row.get("id", UUID.class), row.get("name", String.class), row.get("slug", String.class),
                row.get("description", String.class), row.get("external_id", String.class),
                row.get("version", Long.class), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
