package com.fruitfulplanet.catalog.bulk;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One batch of catalog changes, everything keyed by 1C ids (Ид): what sync-1c-service sends after parsing an
 * exchange, and what the demo catalog is made of. Every section is optional; they are applied in the order declared
 * here, in one transaction, so a section may refer to rows an earlier section of the same batch creates.
 *
 * <p>A row is the whole object as 1C knows it: an optional field that is absent means "none" (an empty
 * description, no attributes), except for what the shop owns rather than 1C: slugs and codes (generated from the
 * name for a new row, kept for an existing one) and a product's status (kept unless given).
 */
public record CatalogBatch(List<Sector> sectors, List<Brand> brands, List<PriceType> priceTypes,
                           List<Warehouse> warehouses, List<Product> products, List<Price> prices,
                           List<Stock> stock) {

    public CatalogBatch {
        sectors = orEmpty(sectors);
        brands = orEmpty(brands);
        priceTypes = orEmpty(priceTypes);
        warehouses = orEmpty(warehouses);
        products = orEmpty(products);
        prices = orEmpty(prices);
        stock = orEmpty(stock);
    }

    /** A 1C group the shop shows as a sector. */
    public record Sector(String externalId, String name, String slug, String description) {
    }

    public record Brand(String externalId, String sectorExternalId, String name, String slug, String description) {
    }

    /**
     * A 1C price type (ТипЦены). {@code default: true} names the one the shop sells at: it becomes
     * {@code product.price}; the others are kept beside it. Only one type is the default; a batch cannot move the
     * flag to another 1C type (that would reprice the shop), but it links the shop's initial default (no 1C id yet).
     */
    public record PriceType(String externalId, String code, String name, String currency,
                            @JsonProperty("default") Boolean isDefault) {
    }

    /** A 1C warehouse (Склад). An explicit {@code code} that a warehouse without a 1C id has links to that one. */
    public record Warehouse(String externalId, String code, String name) {
    }

    /**
     * A 1C product (Товар). {@code status} is {@code DRAFT}, {@code ACTIVE} or {@code ARCHIVED}; {@code deleted}
     * (1C's deletion mark) soft-deletes it, and a later row without the mark brings it back.
     */
    public record Product(String externalId, String sku, String name, String description, String brandExternalId,
                          Map<String, Object> attributes, List<String> images, String status, Boolean deleted) {
    }

    /** A price of one product for one price type, in that type's currency. */
    public record Price(String productExternalId, String priceTypeExternalId, BigDecimal amount, String currency) {
    }

    /**
     * The on-hand quantity of one product in one warehouse. A decimal because 1C sends quantities as decimals
     * ({@code 376.000}); it must be a whole number.
     */
    public record Stock(String productExternalId, String warehouseExternalId, BigDecimal quantity) {
    }

    private static <T> List<T> orEmpty(List<T> rows) {
        return rows == null ? List.of() : rows;
    }
}
