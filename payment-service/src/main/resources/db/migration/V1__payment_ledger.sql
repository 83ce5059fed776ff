-- A payment is the sum of its transactions: every provider call is a row here, never an update in place,
-- so what was authorized, captured and refunded can always be reconstructed.
CREATE TABLE payment (
    id         uuid           PRIMARY KEY,
    order_id   uuid           NOT NULL UNIQUE,
    user_id    uuid           NOT NULL,
    status     text           NOT NULL CHECK (status IN ('PENDING', 'AUTHORIZED', 'CAPTURED', 'VOIDED', 'FAILED',
                                                         'PARTIALLY_REFUNDED', 'REFUNDED')),
    amount     numeric(19, 2) NOT NULL CHECK (amount > 0),
    currency   char(3)        NOT NULL,
    provider   text           NOT NULL,
    version    bigint         NOT NULL DEFAULT 0,
    created_at timestamptz    NOT NULL DEFAULT now(),
    updated_at timestamptz    NOT NULL DEFAULT now()
);

CREATE TABLE payment_transaction (
    id                 uuid           PRIMARY KEY,
    payment_id         uuid           NOT NULL REFERENCES payment (id),
    type               text           NOT NULL CHECK (type IN ('AUTHORIZE', 'CAPTURE', 'VOID', 'REFUND')),
    amount             numeric(19, 2) NOT NULL CHECK (amount >= 0),
    currency           char(3)        NOT NULL,
    status             text           NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    provider_reference text,
    -- Passed on to the provider, so a retried call is not executed twice there either.
    idempotency_key    text           NOT NULL UNIQUE,
    at                 timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX payment_transaction_payment_idx ON payment_transaction (payment_id, at);
