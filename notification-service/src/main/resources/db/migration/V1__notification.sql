-- In-app notifications, newest first per user; unread ones are what the client asks for most.
CREATE TABLE notification (
    id         uuid        PRIMARY KEY,
    user_id    uuid        NOT NULL,
    type       text        NOT NULL,
    title      text        NOT NULL,
    body       text        NOT NULL DEFAULT '',
    data       jsonb       NOT NULL DEFAULT '{}',
    read_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_user_created_idx ON notification (user_id, created_at DESC, id DESC);
CREATE INDEX notification_user_unread_idx ON notification (user_id, created_at DESC, id DESC) WHERE read_at IS NULL;
