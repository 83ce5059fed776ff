-- Orders and their lines. Prices are copied from the catalog when the order is placed (never sent by clients),
-- so an order keeps the price the customer was shown.
CREATE TABLE customer_order (
    id              uuid           PRIMARY KEY,
    user_id         uuid           NOT NULL,
    status          text           NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED',
                                                              'CANCELLED', 'REFUNDED')),
    cancel_reason   text,
    total_amount    numeric(19, 2) NOT NULL CHECK (total_amount >= 0),
    currency        char(3)        NOT NULL,
    idempotency_key text           NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    version         bigint         NOT NULL DEFAULT 0,
    created_at      timestamptz    NOT NULL DEFAULT now(),
    updated_at      timestamptz    NOT NULL DEFAULT now(),
    CHECK ((status = 'CANCELLED') = (cancel_reason IS NOT NULL))
);
-- The same user retrying with the same key gets the same order.
CREATE UNIQUE INDEX customer_order_idempotency_key ON customer_order (user_id, idempotency_key);
CREATE INDEX customer_order_user_created_idx ON customer_order (user_id, created_at DESC, id DESC);
CREATE INDEX customer_order_status_created_idx ON customer_order (status, created_at DESC, id DESC);

CREATE TABLE order_line (
    order_id   uuid           NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    line_no    integer        NOT NULL CHECK (line_no > 0),
    product_id uuid           NOT NULL,
    quantity   integer        NOT NULL CHECK (quantity > 0),
    unit_price numeric(19, 2) NOT NULL CHECK (unit_price >= 0),
    currency   char(3)        NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE order_status_history (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id uuid        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    status   text        NOT NULL,
    at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, at);
