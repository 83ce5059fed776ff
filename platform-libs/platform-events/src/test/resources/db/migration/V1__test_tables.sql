-- A producer's state (test_order) and a consumer's effect (effect). effect has no unique key on purpose:
-- a second application of one event would show as a second row, which is what the inbox must prevent.
CREATE TABLE test_order (
    id     uuid PRIMARY KEY,
    status text NOT NULL
);

CREATE TABLE effect (
    seq      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid        NOT NULL,
    order_id uuid        NOT NULL,
    status   text        NOT NULL,
    latency_micros bigint NOT NULL
);
