-- The usage ledger: one row per inference request, however many attempts it took. Ids name keys
-- and credentials, never their values. Money is in integer micro-dollars (NULL: the catalog has
-- no price for the model), so sums are exact.

CREATE TABLE usage_events (
    request_id        TEXT PRIMARY KEY,
    at                TEXT    NOT NULL,
    workspace_id      TEXT,
    user_id           TEXT,
    key_id            TEXT,
    credential_id     TEXT,
    requested_model   TEXT,
    route             TEXT,
    provider          TEXT,
    model             TEXT,
    status            INTEGER NOT NULL,
    outcome           TEXT    NOT NULL,
    attempts          INTEGER NOT NULL,
    streamed          BOOLEAN NOT NULL,
    prompt_tokens     BIGINT  NOT NULL,
    completion_tokens BIGINT  NOT NULL,
    cached_tokens     BIGINT  NOT NULL,
    reasoning_tokens  BIGINT  NOT NULL,
    cost_micros       BIGINT,
    latency_us        BIGINT  NOT NULL,
    ttft_us           BIGINT  NOT NULL
);
-- GET /api/v1/usage reads a time range, for everyone (admin) or for one user.
CREATE INDEX usage_events_at ON usage_events (at);
CREATE INDEX usage_events_user_at ON usage_events (user_id, at);
