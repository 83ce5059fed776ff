-- Checkout on top of V1's orders: human-readable numbers, the saga's state (which step, until when), what the
-- order knows of its stock and payment, the shipping address. The saga's state lives here, in the order's own row,
-- so a restarted service resumes every order from where it was.

-- Order numbers people read out on the phone: FP-00001000, FP-00001001, ... (gaps after rollbacks are fine).
CREATE SEQUENCE order_number_seq START WITH 1000;

ALTER TABLE customer_order
    ADD COLUMN number           text,
    -- What the saga waits for: RESERVING_STOCK (ReserveStock sent), AUTHORIZING_PAYMENT (AuthorizePayment sent),
    -- DONE (nothing; the order is confirmed or cancelled).
    ADD COLUMN saga_step        text        NOT NULL DEFAULT 'DONE'
        CHECK (saga_step IN ('RESERVING_STOCK', 'AUTHORIZING_PAYMENT', 'DONE')),
    ADD COLUMN step_deadline    timestamptz,
    ADD COLUMN stock_status     text        NOT NULL DEFAULT 'NONE'
        CHECK (stock_status IN ('NONE', 'RESERVED', 'REJECTED', 'COMMITTED', 'RELEASED')),
    ADD COLUMN payment_status   text        NOT NULL DEFAULT 'NONE'
        CHECK (payment_status IN ('NONE', 'AUTHORIZED', 'FAILED', 'CAPTURED', 'VOIDED', 'PARTIALLY_REFUNDED',
                                  'REFUNDED')),
    ADD COLUMN payment_id       uuid,
    ADD COLUMN payment_provider text,
    -- The provider's card token, kept only until AuthorizePayment carries it to payment-service.
    ADD COLUMN card_token       text,
    ADD COLUMN shipping_address jsonb       NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN finished_at      timestamptz,
    ADD CONSTRAINT customer_order_waiting_has_deadline CHECK ((saga_step = 'DONE') = (step_deadline IS NULL));

UPDATE customer_order SET number = 'FP-' || lpad(nextval('order_number_seq')::text, 8, '0') WHERE number IS NULL;
ALTER TABLE customer_order ALTER COLUMN number SET NOT NULL;
CREATE UNIQUE INDEX customer_order_number ON customer_order (number);

-- A refunded order keeps the reason it was cancelled for (if it was); only CANCELLED must have one.
ALTER TABLE customer_order DROP CONSTRAINT customer_order_check;
ALTER TABLE customer_order ADD CONSTRAINT customer_order_cancelled_has_reason
    CHECK (status <> 'CANCELLED' OR cancel_reason IS NOT NULL);

-- The deadline sweep reads only orders that wait.
CREATE INDEX customer_order_deadline_idx ON customer_order (step_deadline) WHERE saga_step <> 'DONE';
-- Staff lists across all users, newest first.
CREATE INDEX customer_order_created_idx ON customer_order (created_at DESC, id DESC);

ALTER TABLE order_line ADD COLUMN sku text NOT NULL DEFAULT '', ADD COLUMN name text NOT NULL DEFAULT '';

ALTER TABLE order_status_history
    ADD COLUMN reason text,
    -- Who made the change: SAGA, or the user id of a customer or a staff member.
    ADD COLUMN actor  text NOT NULL DEFAULT 'SAGA';
