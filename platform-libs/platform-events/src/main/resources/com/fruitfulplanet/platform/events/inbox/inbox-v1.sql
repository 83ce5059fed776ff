-- The inbox: one definition, created by every consuming service's own Flyway history (InboxTableMigration).
-- A consumer inserts (consumer, event_id) in the same transaction as the event's effect; a redelivered event
-- finds its row and has no second effect.

CREATE TABLE inbox_event (
    consumer    text        NOT NULL,
    event_id    uuid        NOT NULL,
    event_type  text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (consumer, event_id)
);

-- What the cleaner deletes: rows older than the retention, which must exceed the topics' retention.
CREATE INDEX inbox_event_received_at ON inbox_event (received_at);
