-- Hard budgets. Money in integer micro-dollars, times as RFC 3339 UTC text, as elsewhere.

-- The budgets set through the management API: at most one per workspace and one per user. A key's
-- budget is api_keys.budget_usd; a plan's comes from the config.
CREATE TABLE budgets (
    scope        TEXT   NOT NULL, -- workspace | user
    owner_id     TEXT   NOT NULL,
    period       TEXT   NOT NULL, -- daily | monthly
    limit_micros BIGINT NOT NULL,
    updated_at   TEXT   NOT NULL,
    PRIMARY KEY (scope, owner_id)
);

-- Counters shared by replicas when PostgreSQL holds them (no Redis configured): one row per owner
-- and period (counter_id = scope/owner/period/2026-11), reserved = the sum of its live holds.
CREATE TABLE budget_counters (
    counter_id      TEXT   PRIMARY KEY,
    spent_micros    BIGINT NOT NULL,
    reserved_micros BIGINT NOT NULL
);

-- One request's hold on one counter, until it settles or expires (a crashed request's hold lapses).
CREATE TABLE budget_reservations (
    counter_id    TEXT   NOT NULL,
    request_id    TEXT   NOT NULL,
    amount_micros BIGINT NOT NULL,
    expires_at    TEXT   NOT NULL,
    PRIMARY KEY (counter_id, request_id)
);
CREATE INDEX budget_reservations_expiry ON budget_reservations (counter_id, expires_at);

-- A counter's first use sums the period's spending from the ledger, per workspace or key.
CREATE INDEX usage_events_workspace_at ON usage_events (workspace_id, at);
CREATE INDEX usage_events_key_at ON usage_events (key_id, at);
