-- One schema for SQLite and PostgreSQL: text ids, RFC 3339 UTC text times, base64 text blobs.

CREATE TABLE workspaces (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    plan       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    email        TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

-- Small named values: the admin token's hash.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    name       TEXT NOT NULL,
    key_hash   TEXT NOT NULL UNIQUE,
    masked     TEXT NOT NULL,
    rpm        INTEGER,
    tpm        INTEGER,
    budget_usd DOUBLE PRECISION,
    models     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX api_keys_user ON api_keys (user_id);

-- A provider credential of a user or a workspace; its secret lives in credential_versions.
CREATE TABLE credentials (
    id           TEXT PRIMARY KEY,
    owner_type   TEXT NOT NULL,
    owner_id     TEXT NOT NULL,
    provider     TEXT NOT NULL,
    name         TEXT NOT NULL,
    masked_key   TEXT NOT NULL,
    base_url     TEXT,
    is_default   BOOLEAN NOT NULL,
    is_active    BOOLEAN NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    validated_at TEXT,
    last_error   TEXT,
    deleted_at   TEXT
);
CREATE UNIQUE INDEX credentials_name ON credentials (owner_type, owner_id, name) WHERE deleted_at IS NULL;
-- At most one default per owner and provider, even under concurrent updates.
CREATE UNIQUE INDEX credentials_default ON credentials (owner_type, owner_id, provider)
    WHERE is_default = TRUE AND deleted_at IS NULL;

-- Envelope encryption: the secret under a per-version data key, the data key wrapped by the
-- master key identified by master_key_id. wrapped_key NULL = crypto-shredded.
CREATE TABLE credential_versions (
    credential_id TEXT    NOT NULL REFERENCES credentials (id),
    version       INTEGER NOT NULL,
    wrapped_key   TEXT,
    master_key_id TEXT,
    ciphertext    TEXT    NOT NULL,
    masked_key    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    retired_at    TEXT,
    PRIMARY KEY (credential_id, version)
);

CREATE TABLE audit_events (
    id           TEXT PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    target       TEXT,
    workspace_id TEXT,
    detail       TEXT
);
CREATE INDEX audit_events_at ON audit_events (at);
