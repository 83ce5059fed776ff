-- Requests made with an Idempotency-Key (API.md "Conventions"), one row per user, operation and key. While the
-- first request runs the row is a claim (response_status null, locked until claim_expires_at, after which a crashed
-- claim may be taken over); then it holds the response to replay until expires_at.
CREATE TABLE idempotent_request (
    user_id          uuid        NOT NULL,
    scope            text        NOT NULL,
    idempotency_key  text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_hash     bytea       NOT NULL,
    claim_token      uuid        NOT NULL,
    claim_expires_at timestamptz NOT NULL,
    response_status  integer     CHECK (response_status BETWEEN 200 AND 499),
    response_body    text,
    response_location text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (user_id, scope, idempotency_key)
);
CREATE INDEX idempotent_request_expiry_idx ON idempotent_request (expires_at);
