-- The catalog's products as order-service last heard of them: a read model fed only by catalog-service's events
-- (topic catalog.product.v1, consumer catalog-products), never by a synchronous call. Carts and orders are priced
-- from it. See docs/cart.md.
--
-- Events may come twice or out of order, so each part of a row remembers the catalog's time of the event it came
-- from, and an event only changes what it is newer than:
--   updated_at        ProductUpserted.updatedAt / ProductDeleted.deletedAt: sku, name, active, deleted
--   price_changed_at  ProductUpserted.updatedAt / PriceChanged.changedAt: the price
-- A row can exist before its first ProductUpserted (a PriceChanged or ProductDeleted came first): it is then not
-- active, and sku, name or price may still be missing.
CREATE TABLE catalog_product (
    product_id       uuid           PRIMARY KEY,
    sku              text,
    name             text,
    price_amount     numeric(19, 2) CHECK (price_amount >= 0),
    currency         char(3),
    active           boolean        NOT NULL DEFAULT false,
    -- Tombstone: a ProductDeleted newer than every ProductUpserted applied. A later ProductUpserted (1C sending the
    -- product again) makes it live again; an older one cannot.
    deleted          boolean        NOT NULL DEFAULT false,
    updated_at       timestamptz,
    price_changed_at timestamptz,
    -- When this service last changed the row (the read model's lag is applied_at minus the event's time).
    applied_at       timestamptz    NOT NULL DEFAULT now(),
    CHECK ((price_amount IS NULL) = (currency IS NULL) AND (price_amount IS NULL) = (price_changed_at IS NULL)),
    -- Sellable only once a ProductUpserted has been applied, and with a price.
    CHECK (NOT active OR (sku IS NOT NULL AND name IS NOT NULL AND price_amount IS NOT NULL
                          AND updated_at IS NOT NULL))
);
