-- Accounts of shoppers, staff and partner systems. Passwords are stored only as slow hashes (argon2id/bcrypt).
CREATE TABLE user_account (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL DEFAULT ARRAY['CUSTOMER']
                              CHECK (roles <@ ARRAY['CUSTOMER', 'MANAGER', 'ADMIN', 'PARTNER']),
    status        text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'LOCKED', 'DELETED')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       bigint      NOT NULL DEFAULT 0
);

-- One account per address, whatever its letter case.
CREATE UNIQUE INDEX user_account_email_key ON user_account (lower(email));
