-- Responses API conversations that Keyroute keeps itself (previous_response_id for a target that
-- keeps none): one row per response. Its input and output items are envelope-encrypted like a
-- credential's secret (a data key wrapped by the master key; the associated data binds both to the
-- row's id and owner); only sizes, links and who served it are in clear. Rows go once expires_at
-- (the retention setting) passes.
CREATE TABLE stored_responses (
    id                   TEXT    PRIMARY KEY,
    owner                TEXT    NOT NULL, -- user:<user id>, or key:<key id> for a caller without a user
    workspace_id         TEXT,
    user_id              TEXT,
    key_id               TEXT,
    previous_response_id TEXT,             -- no foreign key: an earlier response may be deleted or expired
    provider             TEXT    NOT NULL,
    model                TEXT    NOT NULL,
    credential_id        TEXT,
    item_count           INTEGER NOT NULL,
    item_bytes           BIGINT  NOT NULL,
    wrapped_key          TEXT    NOT NULL,
    master_key_id        TEXT    NOT NULL,
    ciphertext           TEXT    NOT NULL,
    created_at           TEXT    NOT NULL,
    expires_at           TEXT    NOT NULL
);
CREATE INDEX stored_responses_expiry ON stored_responses (expires_at);
CREATE INDEX stored_responses_owner ON stored_responses (owner, created_at);
