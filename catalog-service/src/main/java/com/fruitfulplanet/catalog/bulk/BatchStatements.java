package com.fruitfulplanet.catalog.bulk;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of a batch. Each section is one statement over arrays ({@code unnest}), whatever its size: new rows are
 * inserted, existing rows (by external id) updated only where a column differs, so an unchanged row is not written,
 * not even locked, and comes back from no {@code RETURNING}. PostgreSQL 18's {@code RETURNING old.*, new.*} tells
 * what changed. (An {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} locks every conflicting row, changed or not,
 * so the upserts below leave rows that are already right out of their {@code SELECT}: a batch must not hold the
 * stock rows reservations update for nothing.)
 *
 * <p>Sections whose existing rows keep values the batch leaves out (slugs, codes, a product's status) are written
 * as one statement of two parts: an {@code UPDATE ... FROM} the batch, which can read both the batch's row and the
 * current one, and an {@code INSERT} of the external ids not yet present. Both see the snapshot from before the
 * statement, so each row is either updated or inserted. Batches are serialised by an advisory lock, so nothing else
 * inserts rows with external ids meanwhile ({@code ON CONFLICT DO NOTHING} is only a guard).
 */
@Repository
class BatchStatements {

    /** The product columns other statements read after a batch (ProductUpserted). */
    record ProductState(UUID id, String sku, String name, UUID sectorId, UUID brandId, BigDecimal amount,
                        String currency, String status, boolean deleted, Instant updatedAt) {
    }

    record SlugHolder(String externalId, UUID parentId, String slug, boolean live) {
    }

    record CodeHolder(UUID id, String externalId, String code, boolean isDefault) {
    }

    record SkuHolder(String sku, String externalId) {
    }

    record Change(UUID id, String externalId, boolean created) {
    }

    record BrandChange(UUID id, String externalId, boolean created, boolean isProduct) {
    }

    record ProductChange(UUID id, String externalId, boolean created, boolean deletedNow, boolean deleted,
                         String sku, Instant deletedAt) {
    }

    record DefaultPriceChange(UUID productId, boolean firstPrice, BigDecimal oldAmount, String oldCurrency,
                              BigDecimal amount, String currency, boolean deleted) {
    }

    record StockOutcome(int index, UUID productId, UUID warehouseId, boolean live, boolean changed, boolean created,
                        int oldAvailable, int available, int reserved, int requested) {
    }

    /** Sector and brand rows as a section writes them: the slug is null where an existing row keeps its own. */
    record Named(String externalId, UUID parentId, String name, String slug, String description) {
    }

    /** A price type or warehouse row: a null code keeps the existing row's. */
    record Coded(String externalId, String code, String name, String currency, boolean isDefault) {
    }

    private static final JsonMapper PLAIN_JSON = JsonMapper.builder().build();

    private final DatabaseClient db;

    BatchStatements(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Waits for any other batch to finish, then holds the catalog's batch lock until this transaction ends; returns
     * the transaction's time, which every row and event of the batch carries.
     */
    Mono<Instant> lockForBatch() {
        return db.sql("""
                        WITH batch_lock AS (SELECT pg_advisory_xact_lock(hashtextextended('catalog.bulk', 0)))
                        SELECT now() AS at FROM batch_lock""")
                .map(row -> row.get("at", Instant.class))
                .one();
    }

    /** Which of the given external ids exist, per kind ({@code sector}, ...), with a price type's currency. */
    Mono<Map<String, Map<String, String>>> existing(Map<String, ? extends Collection<String>> externalIds) {
        return db.sql("""
                        SELECT 'sector' AS kind, external_id, '' AS currency FROM sector
                         WHERE external_id = ANY(:sectors::text[])
                        UNION ALL
                        SELECT 'brand', external_id, '' FROM brand WHERE external_id = ANY(:brands::text[])
                        UNION ALL
                        SELECT 'product', external_id, '' FROM product WHERE external_id = ANY(:products::text[])
                        UNION ALL
                        SELECT 'priceType', external_id, currency::text FROM price_type
                         WHERE external_id = ANY(:priceTypes::text[])
                        UNION ALL
                        SELECT 'warehouse', external_id, '' FROM warehouse
                         WHERE external_id = ANY(:warehouses::text[])""")
                .bind("sectors", array(externalIds.get("sector")))
                .bind("brands", array(externalIds.get("brand")))
                .bind("products", array(externalIds.get("product")))
                .bind("priceTypes", array(externalIds.get("priceType")))
                .bind("warehouses", array(externalIds.get("warehouse")))
                .map(row -> new String[] {text(row, "kind"), text(row, "external_id"), text(row, "currency")})
                .all()
                .collect(Collectors.groupingBy(found -> found[0],
                        Collectors.toMap(found -> found[1], found -> found[2])));
    }

    /** Live products holding any of these SKUs. */
    Flux<SkuHolder> liveSkuHolders(Collection<String> skus) {
        return db.sql("SELECT sku, external_id FROM product WHERE deleted_at IS NULL AND sku = ANY(:skus::text[])")
                .bind("skus", array(skus))
                .map(row -> new SkuHolder(text(row, "sku"), text(row, "external_id")))
                .all();
    }

    // --- sectors

    /** Every sector's slug (a short table: one row per 1C group shown as a sector). */
    Flux<SlugHolder> sectorSlugs() {
        return db.sql("SELECT external_id, slug, deleted_at IS NULL AS live FROM sector")
                .map(row -> new SlugHolder(text(row, "external_id"), null, text(row, "slug"), flag(row, "live")))
                .all();
    }

    /** Upserts sectors (a soft-deleted one 1C sends again is live again); returns what changed. */
    Flux<Change> upsertSectors(List<Named> rows) {
        return db.sql("""
                        WITH i AS (
                            SELECT * FROM unnest(:externalIds::text[], :names::text[], :slugs::text[],
                                                 :descriptions::text[]) AS i(external_id, name, slug, description)),
                        updated AS (
                            UPDATE sector s
                               SET name = i.name, slug = COALESCE(i.slug, s.slug), description = i.description,
                                   deleted_at = NULL, version = s.version + 1, updated_at = now()
                              FROM i
                             WHERE s.external_id = i.external_id
                               AND ((s.name, s.slug, s.description)
                                        IS DISTINCT FROM (i.name, COALESCE(i.slug, s.slug), i.description)
                                    OR s.deleted_at IS NOT NULL)
                            RETURNING s.id, s.external_id, false AS created),
                        inserted AS (
                            INSERT INTO sector (id, external_id, name, slug, description)
                            SELECT gen_random_uuid(), i.external_id, i.name, i.slug, i.description
                              FROM i
                             WHERE NOT EXISTS (SELECT 1 FROM sector s WHERE s.external_id = i.external_id)
                            ON CONFLICT (external_id) DO NOTHING
                            RETURNING id, external_id, true AS created)
                        SELECT * FROM updated UNION ALL SELECT * FROM inserted""")
                .bind("externalIds", column(rows, Named::externalId))
                .bind("names", column(rows, Named::name))
                .bind("slugs", column(rows, Named::slug))
                .bind("descriptions", column(rows, Named::description))
                .map(BatchStatements::change)
                .all();
    }

    // --- brands

    Flux<Map.Entry<String, UUID>> sectorIds(Collection<String> externalIds) {
        return db.sql("SELECT external_id, id FROM sector WHERE external_id = ANY(:ids::text[])")
                .bind("ids", array(externalIds))
                .map(row -> Map.entry(text(row, "external_id"), row.get("id", UUID.class)))
                .all();
    }

    /** The brands of the batch (by external id) and the live brands of the sectors it puts brands in. */
    Flux<SlugHolder> brandSlugs(Collection<String> externalIds, Collection<UUID> sectorIds) {
        return db.sql("""
                        SELECT external_id, sector_id, slug, deleted_at IS NULL AS live FROM brand
                         WHERE external_id = ANY(:ids::text[])
                            OR (deleted_at IS NULL AND sector_id = ANY(:sectors::uuid[]))""")
                .bind("ids", array(externalIds))
                .bind("sectors", sectorIds.toArray(UUID[]::new))
                .map(row -> new SlugHolder(text(row, "external_id"), row.get("sector_id", UUID.class),
                        text(row, "slug"), flag(row, "live")))
                .all();
    }

    /**
     * Upserts brands; a brand moved to another sector takes its products along (their denormalised sector_id).
     * Returns the changed brands and the products moved with them.
     */
    Flux<BrandChange> upsertBrands(List<Named> rows) {
        return db.sql("""
                        WITH i AS (
                            SELECT * FROM unnest(:externalIds::text[], :sectorIds::uuid[], :names::text[],
                                                 :slugs::text[], :descriptions::text[])
                                       AS i(external_id, sector_id, name, slug, description)),
                        updated AS (
                            UPDATE brand b
                               SET sector_id = i.sector_id, name = i.name, slug = COALESCE(i.slug, b.slug),
                                   description = i.description, deleted_at = NULL, version = b.version + 1,
                                   updated_at = now()
                              FROM i
                             WHERE b.external_id = i.external_id
                               AND ((b.sector_id, b.name, b.slug, b.description)
                                        IS DISTINCT FROM (i.sector_id, i.name, COALESCE(i.slug, b.slug), i.description)
                                    OR b.deleted_at IS NOT NULL)
                            RETURNING b.id, b.external_id, old.sector_id <> new.sector_id AS moved, new.sector_id),
                        inserted AS (
                            INSERT INTO brand (id, external_id, sector_id, name, slug, description)
                            SELECT gen_random_uuid(), i.external_id, i.sector_id, i.name, i.slug, i.description
                              FROM i
                             WHERE NOT EXISTS (SELECT 1 FROM brand b WHERE b.external_id = i.external_id)
                            ON CONFLICT (external_id) DO NOTHING
                            RETURNING id, external_id),
                        moved_products AS (
                            UPDATE product p SET sector_id = u.sector_id, %s
                              FROM updated u
                             WHERE u.moved AND p.brand_id = u.id AND p.sector_id <> u.sector_id
                            RETURNING p.id)
                        SELECT id, external_id, false AS created, false AS is_product FROM updated
                        UNION ALL SELECT id, external_id, true, false FROM inserted
                        UNION ALL SELECT id, NULL, false, true FROM moved_products""".formatted(CHANGED_ONCE))
                .bind("externalIds", column(rows, Named::externalId))
                .bind("sectorIds", rows.stream().map(Named::parentId).toArray(UUID[]::new))
                .bind("names", column(rows, Named::name))
                .bind("slugs", column(rows, Named::slug))
                .bind("descriptions", column(rows, Named::description))
                .map(row -> new BrandChange(row.get("id", UUID.class), text(row, "external_id"),
                        flag(row, "created"), flag(row, "is_product")))
                .all();
    }

    // --- price types and warehouses

    /** Every row of {@code price_type} or {@code warehouse} (short tables) with its code. */
    Flux<CodeHolder> codeHolders(String table) {
        return db.sql("SELECT id, external_id, code, is_default FROM " + codedTable(table))
                .map(row -> new CodeHolder(row.get("id", UUID.class), text(row, "external_id"), text(row, "code"),
                        flag(row, "is_default")))
                .all();
    }

    /** Gives rows the shop created before 1C knew them (no external id yet) their 1C id. */
    Mono<Void> link(String table, Map<UUID, String> externalIdsByRowId) {
        return db.sql("UPDATE " + codedTable(table) + " t SET external_id = i.external_id"
                        + " FROM unnest(:ids::uuid[], :externalIds::text[]) AS i(id, external_id)"
                        + " WHERE t.id = i.id AND t.external_id IS NULL")
                .bind("ids", externalIdsByRowId.keySet().toArray(UUID[]::new))
                .bind("externalIds", externalIdsByRowId.values().toArray(String[]::new))
                .then();
    }

    /** Upserts price types. {@code isDefault} is only ever set, never cleared (there is one default). */
    Flux<Change> upsertPriceTypes(List<Coded> rows) {
        return db.sql("""
                        WITH i AS (
                            SELECT * FROM unnest(:externalIds::text[], :codes::text[], :names::text[],
                                                 :currencies::text[], :defaults::boolean[])
                                       AS i(external_id, code, name, currency, is_default)),
                        updated AS (
                            UPDATE price_type t
                               SET code = COALESCE(i.code, t.code), name = i.name, currency = i.currency,
                                   is_default = t.is_default OR i.is_default
                              FROM i
                             WHERE t.external_id = i.external_id
                               AND (t.code, t.name, t.currency::text, t.is_default)
                                       IS DISTINCT FROM
                                   (COALESCE(i.code, t.code), i.name, i.currency, t.is_default OR i.is_default)
                            RETURNING t.id, t.external_id, false AS created),
                        inserted AS (
                            INSERT INTO price_type (id, external_id, code, name, currency, is_default)
                            SELECT gen_random_uuid(), i.external_id, i.code, i.name, i.currency, i.is_default
                              FROM i
                             WHERE NOT EXISTS (SELECT 1 FROM price_type t WHERE t.external_id = i.external_id)
                            ON CONFLICT (external_id) DO NOTHING
                            RETURNING id, external_id, true AS created)
                        SELECT * FROM updated UNION ALL SELECT * FROM inserted""")
                .bind("externalIds", column(rows, Coded::externalId))
                .bind("codes", column(rows, Coded::code))
                .bind("names", column(rows, Coded::name))
                .bind("currencies", column(rows, Coded::currency))
                .bind("defaults", rows.stream().map(Coded::isDefault).toArray(Boolean[]::new))
                .map(BatchStatements::change)
                .all();
    }

    Flux<Change> upsertWarehouses(List<Coded> rows) {
        return db.sql("""
                        WITH i AS (
                            SELECT * FROM unnest(:externalIds::text[], :codes::text[], :names::text[])
                                       AS i(external_id, code, name)),
                        updated AS (
                            UPDATE warehouse w SET code = COALESCE(i.code, w.code), name = i.name
                              FROM i
                             WHERE w.external_id = i.external_id
                               AND (w.code, w.name) IS DISTINCT FROM (COALESCE(i.code, w.code), i.name)
                            RETURNING w.id, w.external_id, false AS created),
                        inserted AS (
                            INSERT INTO warehouse (id, external_id, code, name)
                            SELECT gen_random_uuid(), i.external_id, i.code, i.name
                              FROM i
                             WHERE NOT EXISTS (SELECT 1 FROM warehouse w WHERE w.external_id = i.external_id)
                            ON CONFLICT (external_id) DO NOTHING
                            RETURNING id, external_id, true AS created)
                        SELECT * FROM updated UNION ALL SELECT * FROM inserted""")
                .bind("externalIds", column(rows, Coded::externalId))
                .bind("codes", column(rows, Coded::code))
                .bind("names", column(rows, Coded::name))
                .map(BatchStatements::change)
                .all();
    }

    // --- products

    /**
     * The status a product gets. Not given: kept. A product that has never had a default price
     * ({@code status_on_first_price} set) stays unsellable and remembers the status for its first price: ACTIVE
     * waits as DRAFT.
     */
    private static final String NEW_STATUS = """
            CASE WHEN i.status IS NULL THEN p.status
                 WHEN p.status_on_first_price IS NULL THEN i.status
                 WHEN i.status = 'ACTIVE' THEN 'DRAFT'
                 ELSE i.status END""";
    private static final String NEW_STATUS_ON_FIRST_PRICE =
            "CASE WHEN p.status_on_first_price IS NULL THEN NULL ELSE COALESCE(i.status, p.status_on_first_price) END";
    private static final String NEW_IMAGES = "ARRAY(SELECT jsonb_array_elements_text(i.images::jsonb))";

    /**
     * A product changes version once per batch, whichever statements change it: the first sets its
     * {@code updated_at} to the transaction's time, {@code now()}, which is how the later ones know. (A product the
     * batch inserts starts there, at version 0.) Saves writing every changed product a second time at the end.
     */
    static final String CHANGED_ONCE =
            "version = p.version + CASE WHEN p.updated_at = now() THEN 0 ELSE 1 END, updated_at = now()";

    /**
     * Upserts products, their sector being their brand's. A new product has no default price yet: it is created
     * at price 0 in the default price type's currency, not sellable (DRAFT) until its first default price comes
     * ({@link #updateDefaultPrices}); {@code deleted} soft-deletes, its absence brings a deleted product back.
     */
    Flux<ProductChange> upsertProducts(List<CatalogBatch.Product> rows) {
        String sql = """
                WITH i AS (
                    SELECT i.*, b.id AS brand_id, b.sector_id
                      FROM unnest(:externalIds::text[], :skus::text[], :names::text[], :descriptions::text[],
                                  :brands::text[], :attributes::text[], :images::text[], :statuses::text[],
                                  :deleted::boolean[])
                               AS i(external_id, sku, name, description, brand_external_id, attributes, images,
                                    status, deleted)
                      JOIN brand b ON b.external_id = i.brand_external_id),
                updated AS (
                    UPDATE product p
                       SET sku = i.sku, name = i.name, description = i.description, brand_id = i.brand_id,
                           sector_id = i.sector_id, attributes = i.attributes::jsonb, images = %3$s,
                           status = %1$s, status_on_first_price = %2$s,
                           deleted_at = CASE WHEN i.deleted THEN COALESCE(p.deleted_at, now()) END, %4$s
                      FROM i
                     WHERE p.external_id = i.external_id
                       AND (p.sku, p.name, p.description, p.brand_id, p.sector_id, p.attributes, p.images,
                            p.status, p.status_on_first_price, p.deleted_at IS NOT NULL)
                               IS DISTINCT FROM
                           (i.sku, i.name, i.description, i.brand_id, i.sector_id, i.attributes::jsonb, %3$s,
                            %1$s, %2$s, i.deleted)
                    RETURNING p.id, p.external_id, false AS created,
                              old.deleted_at IS NULL AND new.deleted_at IS NOT NULL AS deleted_now,
                              new.deleted_at IS NOT NULL AS deleted, new.sku, new.deleted_at),
                inserted AS (
                    INSERT INTO product (id, external_id, sku, name, description, brand_id, sector_id, price_amount,
                                         currency, attributes, images, status, status_on_first_price, deleted_at)
                    SELECT gen_random_uuid(), i.external_id, i.sku, i.name, i.description, i.brand_id, i.sector_id,
                           0, (SELECT t.currency FROM price_type t WHERE t.is_default), i.attributes::jsonb, %3$s,
                           CASE WHEN i.status IS NULL OR i.status = 'ACTIVE' THEN 'DRAFT' ELSE i.status END,
                           COALESCE(i.status, 'ACTIVE'), CASE WHEN i.deleted THEN now() END
                      FROM i
                     WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.external_id = i.external_id)
                    ON CONFLICT (external_id) DO NOTHING
                    RETURNING id, external_id, true AS created, false AS deleted_now,
                              deleted_at IS NOT NULL AS deleted, sku, deleted_at)
                SELECT * FROM updated UNION ALL SELECT * FROM inserted"""
                .formatted(NEW_STATUS, NEW_STATUS_ON_FIRST_PRICE, NEW_IMAGES, CHANGED_ONCE);
        return db.sql(sql)
                .bind("externalIds", column(rows, CatalogBatch.Product::externalId))
                .bind("skus", column(rows, CatalogBatch.Product::sku))
                .bind("names", column(rows, CatalogBatch.Product::name))
                .bind("descriptions", column(rows, row -> orEmpty(row.description())))
                .bind("brands", column(rows, CatalogBatch.Product::brandExternalId))
                .bind("attributes", column(rows, row -> json(row.attributes() == null ? Map.of() : row.attributes())))
                .bind("images", column(rows, row -> json(row.images() == null ? List.of() : row.images())))
                .bind("statuses", column(rows, CatalogBatch.Product::status))
                .bind("deleted", rows.stream().map(row -> Boolean.TRUE.equals(row.deleted())).toArray(Boolean[]::new))
                .map(row -> new ProductChange(row.get("id", UUID.class), text(row, "external_id"),
                        flag(row, "created"), flag(row, "deleted_now"), flag(row, "deleted"), text(row, "sku"),
                        row.get("deleted_at", Instant.class)))
                .all();
    }

    // --- prices

    Flux<Map.Entry<String, Boolean>> priceTypeDefaults(Collection<String> externalIds) {
        return db.sql("SELECT external_id, is_default FROM price_type WHERE external_id = ANY(:ids::text[])")
                .bind("ids", array(externalIds))
                .map(row -> Map.entry(text(row, "external_id"), flag(row, "is_default")))
                .all();
    }

    /**
     * Sets the price of the default price type, which is the product's own price. A product's first one makes it
     * take the status it waited with ({@code status_on_first_price}).
     */
    Flux<DefaultPriceChange> updateDefaultPrices(List<CatalogBatch.Price> rows) {
        return db.sql("""
                        UPDATE product p
                           SET price_amount = i.amount, currency = i.currency,
                               status = COALESCE(p.status_on_first_price, p.status), status_on_first_price = NULL,
                               %s
                          FROM unnest(:externalIds::text[], :amounts::numeric[], :currencies::text[])
                                   AS i(external_id, amount, currency)
                         WHERE p.external_id = i.external_id
                           AND ((p.price_amount, p.currency::text) IS DISTINCT FROM (i.amount, i.currency)
                                OR p.status_on_first_price IS NOT NULL)
                        RETURNING p.id, old.status_on_first_price IS NOT NULL AS first_price,
                                  old.price_amount AS old_amount, old.currency::text AS old_currency,
                                  new.price_amount AS amount, new.currency::text AS currency,
                                  new.deleted_at IS NOT NULL AS deleted""".formatted(CHANGED_ONCE))
                .bind("externalIds", column(rows, CatalogBatch.Price::productExternalId))
                .bind("amounts", rows.stream().map(CatalogBatch.Price::amount).toArray(BigDecimal[]::new))
                .bind("currencies", column(rows, CatalogBatch.Price::currency))
                .map(row -> new DefaultPriceChange(row.get("id", UUID.class), flag(row, "first_price"),
                        row.get("old_amount", BigDecimal.class), text(row, "old_currency"),
                        row.get("amount", BigDecimal.class), text(row, "currency"), flag(row, "deleted")))
                .all();
    }

    /** Upserts the prices of the other price types; returns the products whose prices changed. */
    Flux<Change> upsertOtherPrices(List<CatalogBatch.Price> rows) {
        return db.sql("""
                        INSERT INTO product_price AS pp (product_id, price_type_id, amount, currency)
                        SELECT p.id, t.id, i.amount, i.currency
                          FROM unnest(:products::text[], :types::text[], :amounts::numeric[], :currencies::text[])
                                   AS i(product_external_id, price_type_external_id, amount, currency)
                          JOIN product p ON p.external_id = i.product_external_id
                          JOIN price_type t ON t.external_id = i.price_type_external_id
                          LEFT JOIN product_price cur ON cur.product_id = p.id AND cur.price_type_id = t.id
                         WHERE cur.product_id IS NULL
                            OR (cur.amount, cur.currency::text) IS DISTINCT FROM (i.amount, i.currency)
                         ORDER BY p.id, t.id
                        ON CONFLICT (product_id, price_type_id) DO UPDATE
                           SET amount = excluded.amount, currency = excluded.currency, updated_at = now()
                         WHERE (pp.amount, pp.currency) IS DISTINCT FROM (excluded.amount, excluded.currency)
                        RETURNING new.product_id AS id, NULL AS external_id, old.product_id IS NULL AS created""")
                .bind("products", column(rows, CatalogBatch.Price::productExternalId))
                .bind("types", column(rows, CatalogBatch.Price::priceTypeExternalId))
                .bind("amounts", rows.stream().map(CatalogBatch.Price::amount).toArray(BigDecimal[]::new))
                .bind("currencies", column(rows, CatalogBatch.Price::currency))
                .map(BatchStatements::change)
                .all();
    }

    // --- stock

    /**
     * Sets on-hand quantities, never below what is reserved for orders (the row's CHECK, and the orders' claim):
     * such a row is set to the reserved quantity. Rows are locked in the catalog's stock lock order (product, default
     * warehouse first, warehouse; docs/catalog.md), as reservations lock them. Returns the rows that changed and
     * the rows that were clamped (changed or not), each with its index in {@code rows}.
     */
    Flux<StockOutcome> upsertStock(List<CatalogBatch.Stock> rows) {
        return db.sql("""
                        WITH i AS (
                            SELECT q.ord, p.id AS product_id, w.id AS warehouse_id, w.is_default, q.quantity,
                                   p.deleted_at IS NULL AS live
                              FROM unnest(:products::text[], :warehouses::text[], :quantities::int[])
                                       WITH ORDINALITY AS q(product_external_id, warehouse_external_id, quantity, ord)
                              JOIN product p ON p.external_id = q.product_external_id
                              JOIN warehouse w ON w.external_id = q.warehouse_external_id),
                        changed AS (
                            INSERT INTO stock_level AS s (product_id, warehouse_id, on_hand)
                            SELECT i.product_id, i.warehouse_id, i.quantity
                              FROM i
                              LEFT JOIN stock_level cur
                                     ON cur.product_id = i.product_id AND cur.warehouse_id = i.warehouse_id
                             WHERE cur.product_id IS NULL OR cur.on_hand <> GREATEST(i.quantity, cur.reserved)
                             ORDER BY i.product_id, i.is_default DESC, i.warehouse_id
                            ON CONFLICT (product_id, warehouse_id) DO UPDATE
                               SET on_hand = GREATEST(excluded.on_hand, s.reserved), updated_at = now()
                             WHERE s.on_hand <> GREATEST(excluded.on_hand, s.reserved)
                            RETURNING new.product_id, new.warehouse_id, old.product_id IS NULL AS created,
                                      COALESCE(old.on_hand - old.reserved, 0) AS old_available,
                                      new.on_hand - new.reserved AS available, new.reserved)
                        SELECT i.ord, i.product_id, i.warehouse_id, i.live, c.product_id IS NOT NULL AS changed,
                               COALESCE(c.created, false) AS created, COALESCE(c.old_available, 0) AS old_available,
                               COALESCE(c.available, 0) AS available, COALESCE(c.reserved, s.reserved) AS reserved,
                               i.quantity
                          FROM i
                          LEFT JOIN changed c USING (product_id, warehouse_id)
                          LEFT JOIN stock_level s USING (product_id, warehouse_id)
                         WHERE c.product_id IS NOT NULL OR s.reserved > i.quantity""")
                .bind("products", column(rows, CatalogBatch.Stock::productExternalId))
                .bind("warehouses", column(rows, CatalogBatch.Stock::warehouseExternalId))
                .bind("quantities", rows.stream().map(row -> row.quantity().intValueExact()).toArray(Integer[]::new))
                .map(row -> new StockOutcome(Math.toIntExact(row.get("ord", Long.class)) - 1,
                        row.get("product_id", UUID.class), row.get("warehouse_id", UUID.class), flag(row, "live"),
                        flag(row, "changed"), flag(row, "created"), row.get("old_available", Integer.class),
                        row.get("available", Integer.class), row.get("reserved", Integer.class),
                        row.get("quantity", Integer.class)))
                .all();
    }

    // --- after the sections

    /**
     * The state of the products the batch changed, for ProductUpserted. Those changed only through another price
     * type's price (product_price) get their version step and time here; the others had theirs in their section.
     */
    Flux<ProductState> changedProducts(Collection<UUID> ids) {
        return db.sql("""
                        WITH i AS (SELECT * FROM unnest(:ids::uuid[]) AS i(id)),
                        touched AS (
                            UPDATE product p SET %s
                              FROM i
                             WHERE p.id = i.id AND p.updated_at <> now()
                            RETURNING p.*)
                        SELECT id, sku, name, sector_id, brand_id, price_amount, currency::text, status,
                               deleted_at IS NOT NULL AS deleted, updated_at
                          FROM touched
                        UNION ALL
                        SELECT p.id, p.sku, p.name, p.sector_id, p.brand_id, p.price_amount, p.currency::text,
                               p.status, p.deleted_at IS NOT NULL, p.updated_at
                          FROM product p JOIN i ON i.id = p.id
                         WHERE p.updated_at = now()""".formatted(CHANGED_ONCE))
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> new ProductState(row.get("id", UUID.class), text(row, "sku"), text(row, "name"),
                        row.get("sector_id", UUID.class), row.get("brand_id", UUID.class),
                        row.get("price_amount", BigDecimal.class), text(row, "currency"), text(row, "status"),
                        flag(row, "deleted"), row.get("updated_at", Instant.class)))
                .all();
    }

    // --- helpers

    /** The tables whose rows have codes; the name goes into SQL, so only these. */
    private static String codedTable(String table) {
        if (!List.of("price_type", "warehouse").contains(table)) {
            throw new IllegalArgumentException(table);
        }
        return table;
    }

    private static Change change(Readable row) {
        return new Change(row.get("id", UUID.class), text(row, "external_id"), flag(row, "created"));
    }

    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private static String[] array(Collection<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    private static String text(Readable row, String column) {
        return row.get(column, String.class);
    }

    private static boolean flag(Readable row, String column) {
        return Boolean.TRUE.equals(row.get(column, Boolean.class));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /**
     * JSON without the API's conventions: attributes keep their numbers as numbers (the API mapper would write a
     * decimal as a string).
     */
    private static String json(Object value) {
        return PLAIN_JSON.writeValueAsString(value);
    }
}
