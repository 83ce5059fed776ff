-- The exchange journal: every 1C session and every file it sent, kept so an exchange can be audited and replayed.
CREATE TABLE exchange_session (
    id          uuid        PRIMARY KEY,
    partner     text        NOT NULL,
    type        text        NOT NULL CHECK (type IN ('catalog', 'sale')),
    status      text        NOT NULL CHECK (status IN ('OPEN', 'IMPORTING', 'SUCCEEDED', 'FAILED')),
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    error       text
);
CREATE INDEX exchange_session_started_idx ON exchange_session (started_at DESC, id DESC);

CREATE TABLE exchange_file (
    session_id uuid        NOT NULL REFERENCES exchange_session (id),
    filename   text        NOT NULL CHECK (filename !~ '(^|/)\.\.(/|$)'),
    size_bytes bigint      NOT NULL CHECK (size_bytes >= 0),
    sha256     char(64)    NOT NULL,
    stored_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, filename)
);

-- 1C GUIDs mapped to our ids, per kind of object, so re-imports update instead of duplicating.
CREATE TABLE external_id_mapping (
    kind        text        NOT NULL CHECK (kind IN ('sector', 'brand', 'product', 'warehouse', 'order')),
    external_id text        NOT NULL,
    internal_id uuid        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, external_id)
);
