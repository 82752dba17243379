-- Responses an upstream keeps itself (OpenAI's Responses API, passed through): only who asked for
-- each id and which key made it, never content. A continuation (previous_response_id), GET or DELETE
-- of the id is served for its owner only, with the credential that made it (OpenAI's ids live in
-- the organisation of that key). Rows go once expires_at (responses.retention_days) passes.
CREATE TABLE passed_through_responses (
    id            TEXT PRIMARY KEY,
    owner         TEXT NOT NULL, -- user:<user id>, or key:<key id> for a caller without a user
    workspace_id  TEXT,
    user_id       TEXT,
    key_id        TEXT,          -- the Keyroute key that asked (its id, never its value): for audit
    provider      TEXT NOT NULL,
    model         TEXT NOT NULL,
    credential_id TEXT NOT NULL, -- a stored credential's id, or system:<provider> for the configured key
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX passed_through_responses_expiry ON passed_through_responses (expires_at);
