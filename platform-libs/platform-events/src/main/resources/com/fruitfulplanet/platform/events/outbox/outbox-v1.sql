-- The transactional outbox: one definition, created by every producing service's own Flyway history
-- (OutboxTableMigration). Rows are appended in the transaction of the state change and published by OutboxRelay.

CREATE TABLE outbox_event (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Random (v4), made by Outbox.append; no index: nothing on the write path looks a row up by it.
    event_id     uuid        NOT NULL,
    topic        text        NOT NULL,
    event_key    text        NOT NULL,
    event_type   text        NOT NULL,
    source       text        NOT NULL,
    subject      text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    traceparent  text,
    -- The event's data exactly as written (JSON bytes), so what is sent is byte for byte what was committed.
    payload      bytea       NOT NULL,
    -- All events of one key share a lane; a relay owns a lane while it publishes, so per-key order holds with
    -- several relays. hashtext(..) & 15 maps every key (negative hashes too) to 0..15.
    lane         smallint    GENERATED ALWAYS AS ((hashtext(event_key) & 15)::smallint) STORED,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at timestamptz
);

-- What the relay reads: unpublished rows in commit-ish (id) order, per lane.
CREATE INDEX outbox_event_unpublished ON outbox_event (lane, id) WHERE published_at IS NULL;
-- What the cleaner deletes: published rows past retention.
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- One row per lane, locked FOR UPDATE SKIP LOCKED by the relay that publishes that lane's events.
CREATE TABLE outbox_lane (
    lane smallint PRIMARY KEY CHECK (lane BETWEEN 0 AND 15)
);
INSERT INTO outbox_lane (lane) SELECT generate_series(0, 15);

-- Wakes the relays the moment a transaction with new events commits (NOTIFY is delivered at commit, and
-- repeated notifications of one transaction are folded into one). The channel is per schema: one database
-- holds every service's schema.
CREATE FUNCTION outbox_event_notify() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('outbox_' || TG_TABLE_SCHEMA, '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_inserted
    AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
