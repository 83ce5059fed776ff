-- The catalog as the shop manages it: soft-deletable sectors and brands with 1C ids and versions, price types,
-- full-text search, stock reservations for the checkout saga.

-- Sectors and brands: soft delete (products still refer to them), optimistic locking, the 1C group id.
ALTER TABLE sector
    ADD COLUMN external_id text UNIQUE,
    ADD COLUMN version     bigint NOT NULL DEFAULT 0,
    ADD COLUMN deleted_at  timestamptz;
ALTER TABLE sector DROP CONSTRAINT sector_slug_key;
CREATE UNIQUE INDEX sector_slug_key ON sector (slug) WHERE deleted_at IS NULL;
CREATE INDEX sector_name_idx ON sector (name, id) WHERE deleted_at IS NULL;

ALTER TABLE brand
    ADD COLUMN external_id text UNIQUE,
    ADD COLUMN version     bigint NOT NULL DEFAULT 0,
    ADD COLUMN deleted_at  timestamptz;
-- Slugs are unique per parent: two sectors may each have an "own-brand".
ALTER TABLE brand DROP CONSTRAINT brand_slug_key;
CREATE UNIQUE INDEX brand_slug_key ON brand (sector_id, slug) WHERE deleted_at IS NULL;
DROP INDEX brand_sector_idx;
CREATE INDEX brand_sector_idx ON brand (sector_id, name, id) WHERE deleted_at IS NULL;

-- Products carry their sector (their brand's) so the sector filter is one index, not a join; a brand that moves
-- to another sector moves its products in the same transaction.
ALTER TABLE product
    ADD COLUMN sector_id uuid REFERENCES sector (id);
UPDATE product p SET sector_id = b.sector_id FROM brand b WHERE b.id = p.brand_id;
ALTER TABLE product ALTER COLUMN sector_id SET NOT NULL;

-- Full text over SKU, name and description, weighted (SKU and name A, description C), stemmed in Russian and in
-- English (each word is stemmed both ways, so a query in either language finds it), plus 'simple' for codes.
ALTER TABLE product
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', sku), 'A')
            || setweight(to_tsvector('russian', name), 'A')
            || setweight(to_tsvector('english', name), 'A')
            || setweight(to_tsvector('russian', description), 'C')
            || setweight(to_tsvector('english', description), 'C')
        ) STORED;
CREATE INDEX product_search_idx ON product USING gin (search_vector) WHERE deleted_at IS NULL;

-- Listing: each sort the API offers has an index ending in id (the keyset tie-breaker); filters by sector and brand
-- lead their own indexes. All partial on live products: deleted ones are never listed.
DROP INDEX product_brand_idx;
CREATE INDEX product_created_idx ON product (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX product_updated_idx ON product (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX product_price_idx ON product (price_amount, id) WHERE deleted_at IS NULL;
CREATE INDEX product_name_idx ON product (name COLLATE "C", id) WHERE deleted_at IS NULL;
CREATE INDEX product_brand_idx ON product (brand_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX product_brand_price_idx ON product (brand_id, price_amount, id) WHERE deleted_at IS NULL;
CREATE INDEX product_sector_idx ON product (sector_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX product_sector_price_idx ON product (sector_id, price_amount, id) WHERE deleted_at IS NULL;

-- Price types as 1C sends them (retail, wholesale, ...). The default one is the product's price (product.price_*,
-- what shoppers see and orders are charged); the others are kept per product.
CREATE TABLE price_type (
    id          uuid        PRIMARY KEY,
    code        text        NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    currency    char(3)     NOT NULL,
    external_id text        UNIQUE,
    is_default  boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX price_type_single_default ON price_type (is_default) WHERE is_default;
INSERT INTO price_type (id, code, name, currency, is_default)
VALUES ('00000000-0000-0000-0000-000000000101', 'retail', 'Retail', 'RUB', true);

CREATE TABLE product_price (
    product_id    uuid           NOT NULL REFERENCES product (id),
    price_type_id uuid           NOT NULL REFERENCES price_type (id),
    amount        numeric(19, 2) NOT NULL CHECK (amount >= 0),
    currency      char(3)        NOT NULL,
    updated_at    timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, price_type_id)
);

-- Warehouses as 1C knows them.
ALTER TABLE warehouse ADD COLUMN external_id text UNIQUE;

-- "In stock" and availableQuantity read stock by product; the primary key (product_id, warehouse_id) serves both.

-- Stock held for orders (the checkout saga). One reservation per order: the order id is the idempotency key.
-- HELD: counted in stock_level.reserved until it expires, is committed or released.
-- COMMITTED: the goods left (on_hand and reserved both went down).
-- RELEASED: given back (cancelled, payment failed, expired), or a release that arrived before any reservation.
-- REJECTED: some line was short; nothing was held.
CREATE TABLE stock_reservation (
    id             uuid        PRIMARY KEY,
    order_id       uuid        NOT NULL UNIQUE,
    state          text        NOT NULL CHECK (state IN ('HELD', 'COMMITTED', 'RELEASED', 'REJECTED')),
    expires_at     timestamptz NOT NULL,
    release_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
-- The expiry sweep reads only what is still held.
CREATE INDEX stock_reservation_expiry_idx ON stock_reservation (expires_at) WHERE state = 'HELD';

CREATE TABLE stock_reservation_line (
    reservation_id    uuid           NOT NULL REFERENCES stock_reservation (id),
    product_id        uuid           NOT NULL REFERENCES product (id),
    warehouse_id      uuid           NOT NULL REFERENCES warehouse (id),
    quantity          integer        NOT NULL CHECK (quantity > 0),
    unit_price_amount numeric(19, 2) NOT NULL,
    currency          char(3)        NOT NULL,
    PRIMARY KEY (reservation_id, product_id, warehouse_id)
);
