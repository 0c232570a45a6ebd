-- Accounts, sessions, settings and the audit log: the foundation every
-- other table group stands on. Times are UTC text in one fixed-width format
-- (2006-01-02T15:04:05.000Z) so they sort as strings.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,             -- UUIDv7
    email         TEXT NOT NULL UNIQUE,         -- lower-cased by app
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin','manager','sales','marketing','support','viewer')),
    password_hash TEXT NOT NULL,
    language      TEXT NOT NULL DEFAULT '',     -- '' follows the browser
    disabled_at   TEXT,
    last_login_at TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,          -- SHA-256 of the cookie value; the token itself is never stored
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,                 -- absolute expiry
    client_addr  TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id        TEXT PRIMARY KEY,                 -- UUIDv7, so the primary key is also time order
    at        TEXT NOT NULL,
    actor_id  TEXT REFERENCES users(id),        -- NULL for the system or the CLI without a user
    action    TEXT NOT NULL,                    -- e.g. user.created, user.role_changed
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    details   TEXT NOT NULL DEFAULT '{}'        -- JSON
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, id);
CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
