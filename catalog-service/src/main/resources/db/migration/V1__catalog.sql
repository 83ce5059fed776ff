-- The catalog: sectors contain brands, brands contain products; stock is kept per warehouse.
CREATE TABLE sector (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE brand (
    id          uuid        PRIMARY KEY,
    sector_id   uuid        NOT NULL REFERENCES sector (id),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX brand_sector_idx ON brand (sector_id);

CREATE TABLE product (
    id           uuid          PRIMARY KEY,
    sku          text          NOT NULL CHECK (length(sku) BETWEEN 1 AND 64),
    name         text          NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
    description  text          NOT NULL DEFAULT '',
    brand_id     uuid          NOT NULL REFERENCES brand (id),
    price_amount numeric(19, 2) NOT NULL CHECK (price_amount >= 0),
    currency     char(3)       NOT NULL,
    attributes   jsonb         NOT NULL DEFAULT '{}',
    images       text[]        NOT NULL DEFAULT '{}',
    status       text          NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
    -- The 1C GUID of the product, when it came from the back office.
    external_id  text          UNIQUE,
    version      bigint        NOT NULL DEFAULT 0,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    -- Soft delete: orders and 1C still refer to deleted products.
    deleted_at   timestamptz
);
CREATE UNIQUE INDEX product_sku_key ON product (sku) WHERE deleted_at IS NULL;
CREATE INDEX product_brand_idx ON product (brand_id) WHERE deleted_at IS NULL;

CREATE TABLE warehouse (
    id         uuid        PRIMARY KEY,
    code       text        NOT NULL UNIQUE,
    name       text        NOT NULL,
    is_default boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- At most one default warehouse.
CREATE UNIQUE INDEX warehouse_single_default ON warehouse (is_default) WHERE is_default;
INSERT INTO warehouse (id, code, name, is_default)
VALUES ('00000000-0000-0000-0000-000000000001', 'MAIN', 'Main warehouse', true);

-- Reserved stock can never exceed what is on hand: reservations update this row atomically
-- (UPDATE ... SET reserved = reserved + :q WHERE on_hand - reserved >= :q), never read-modify-write.
CREATE TABLE stock_level (
    product_id   uuid        NOT NULL REFERENCES product (id),
    warehouse_id uuid        NOT NULL REFERENCES warehouse (id),
    on_hand      integer     NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved     integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, warehouse_id),
    CHECK (reserved <= on_hand)
);
