package com.fruitfulplanet.catalog.product;

import com.fruitfulplanet.catalog.web.Versions;
import com.fruitfulplanet.contracts.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code product} writes and reads by id. Soft-deleted products are invisible here. */
@Repository
public class Products {

    private final DatabaseClient db;
    private final ProductRows rows;
    private final JsonMapper json;

    public Products(DatabaseClient db, ProductRows rows, JsonMapper json) {
        this.db = db;
        this.rows = rows;
        this.json = json;
    }

    public Mono<ProductView> byId(UUID id) {
        return db.sql("SELECT " + ProductRows.COLUMNS + " FROM product p WHERE p.id = :id AND p.deleted_at IS NULL")
                .bind("id", id).map(rows::map).one();
    }

    /** The current price, with the row locked until the transaction ends (the "before" of a price change). */
    public Mono<Money> priceForUpdate(UUID id) {
        return db.sql("SELECT price_amount, currency FROM product WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
                .bind("id", id)
                .map(row -> ProductRows.money(row.get(0, BigDecimal.class), row.get(1, String.class)))
                .one();
    }

    /**
     * Inserts under a live brand (the product takes the brand's sector); completes empty when the brand is not
     * there or a live product has the SKU (the caller tells which).
     */
    public Mono<UUID> insert(UUID id, ProductRequest request) {
        return db.sql("""
                        INSERT INTO product (id, sku, name, description, brand_id, sector_id, price_amount, currency,
                                             attributes, images, status)
                        SELECT :id, :sku, :name, :description, b.id, b.sector_id, :amount, :currency,
                               :attributes::jsonb, :images, :status
                        FROM brand b WHERE b.id = :brand AND b.deleted_at IS NULL
                        ON CONFLICT (sku) WHERE deleted_at IS NULL DO NOTHING
                        RETURNING id""")
                .bind("id", id).bind("brand", request.brandId())
                .bindValues(fields(request))
                .map(row -> row.get(0, UUID.class)).one();
    }

    /**
     * Replaces the fields; the shop has now set price and status itself, so a product that 1C created without a
     * price stops waiting to become what 1C said at its first price (V7__bulk.sql). Completes empty when the product is gone, the version is not {@code expectedVersion}
     * (when not null) or the brand is not there. A taken SKU fails with DuplicateKeyException.
     */
    public Mono<UUID> update(UUID id, ProductRequest request, Long expectedVersion) {
        return Versions.bind(db.sql("""
                        UPDATE product p SET sku = :sku, name = :name, description = :description, brand_id = b.id,
                               sector_id = b.sector_id, price_amount = :amount, currency = :currency,
                               attributes = :attributes::jsonb, images = :images, status = :status,
                               status_on_first_price = NULL, version = p.version + 1, updated_at = now()
                        FROM brand b
                        WHERE b.id = :brand AND b.deleted_at IS NULL AND p.id = :id AND p.deleted_at IS NULL"""
                        + Versions.condition("p.version", expectedVersion) + " RETURNING p.id"), expectedVersion)
                .bind("id", id).bind("brand", request.brandId())
                .bindValues(fields(request))
                .map(row -> row.get(0, UUID.class)).one();
    }

    /** Soft delete; completes empty when the product is gone or the version is not {@code expectedVersion}. */
    public Mono<ProductView> softDelete(UUID id, Long expectedVersion) {
        return Versions.bind(db.sql("""
                        UPDATE product AS p SET deleted_at = now(), updated_at = now(), version = p.version + 1
                        WHERE p.id = :id AND p.deleted_at IS NULL"""
                        + Versions.condition("p.version", expectedVersion)
                        + " RETURNING " + ProductRows.COLUMNS), expectedVersion)
                .bind("id", id)
                .map(rows::map).one();
    }

    public Mono<Boolean> liveBrand(UUID brandId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM brand WHERE id = :id AND deleted_at IS NULL)")
                .bind("id", brandId).map(row -> row.get(0, Boolean.class)).one();
    }

    private Map<String, Object> fields(ProductRequest request) {
        return Map.of(
                "sku", request.sku().strip(),
                "name", request.name().strip(),
                "description", request.description() == null ? "" : request.description(),
                "amount", request.price().amount(),
                "currency", request.price().currency().getCurrencyCode(),
                "attributes", json.writeValueAsString(request.attributes() == null
                        ? Map.of() : request.attributes()),
                "images", (request.images() == null ? List.<String>of() : request.images())
                        .toArray(String[]::new),
                "status", (request.status() == null ? ProductStatus.ACTIVE : request.status()).name());
    }
}
