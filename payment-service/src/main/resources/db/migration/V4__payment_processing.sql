-- Payments as the checkout saga drives them: a command records what is to be done (a PENDING transaction) and
-- commits; a processor then calls the provider and settles the transaction, outside the command's transaction.
-- V5 is the shared idempotent_request table (IdempotencyTableMigration).

-- The card the authorization is made with: a provider token, never a card number. Kept because the provider is
-- called after the command's transaction committed, and reconciliation may have to repeat the call (same key).
ALTER TABLE payment ADD COLUMN card_token text;

ALTER TABLE payment_transaction
    -- Creation order: a payment's PENDING transactions are executed one at a time, oldest first (the rows are
    -- inserted under the payment's row lock, so this is also their commit order).
    ADD COLUMN seq            bigint GENERATED ALWAYS AS IDENTITY,
    -- Set when a processor claims the transaction and calls the provider; a claimed transaction that is still
    -- PENDING is left to reconciliation (the call timed out, or the process died while waiting for it).
    ADD COLUMN attempted_at   timestamptz,
    ADD COLUMN attempts       int NOT NULL DEFAULT 0,
    ADD COLUMN settled_at     timestamptz,
    -- Why it was asked for (a void's or a refund's reason, free text) and why it failed (the provider's decline).
    ADD COLUMN reason         text,
    ADD COLUMN failure_reason text;
CREATE UNIQUE INDEX payment_transaction_seq_key ON payment_transaction (seq);
-- The processor's queue and reconciliation's scan: few rows are PENDING at any time.
CREATE INDEX payment_transaction_pending_idx ON payment_transaction (payment_id, seq) WHERE status = 'PENDING';
-- A refund is validated against what was captured and refunded so far.
CREATE INDEX payment_transaction_type_idx ON payment_transaction (payment_id, type, status);

-- An order voided before its AuthorizePayment arrived (the saga's messages may come late): the later authorize is
-- then a no-op, so no money is held for a cancelled order.
CREATE TABLE voided_order (
    order_id  uuid        PRIMARY KEY,
    reason    text        NOT NULL,
    voided_at timestamptz NOT NULL DEFAULT now()
);

-- The sandbox provider's own books, as a real provider would keep them: what it did under each idempotency key, so
-- a repeated call returns the same answer and a lookup after a timeout finds what it did.
CREATE TABLE sandbox_charge (
    idempotency_key text           PRIMARY KEY,
    operation       text           NOT NULL CHECK (operation IN ('AUTHORIZE', 'CAPTURE', 'VOID', 'REFUND')),
    amount          numeric(19, 2),
    currency        char(3),
    card_token      text,
    -- What the operation refers to: the authorization (capture, void) or the capture (refund).
    target          text,
    outcome         text           NOT NULL CHECK (outcome IN ('SUCCEEDED', 'DECLINED')),
    reference       text           NOT NULL UNIQUE,
    decline_reason  text,
    -- How often it was called with this key (a test checks that duplicates do not call it twice).
    calls           int            NOT NULL DEFAULT 1,
    created_at      timestamptz    NOT NULL DEFAULT now()
);

-- Provider webhook events already processed: a provider delivers at least once, so each event id counts once.
CREATE TABLE webhook_event (
    provider    text        NOT NULL,
    event_id    text        NOT NULL,
    type        text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, event_id)
);
CREATE INDEX webhook_event_received_idx ON webhook_event (received_at);
