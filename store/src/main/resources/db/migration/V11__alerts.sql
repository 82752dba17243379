-- Alerts raised by the gateway (budget thresholds crossed, a provider's circuit opening or closing,
-- a credential failing validation), newest first in GET /api/v1/alerts and the console's Overview.
-- dedupe_key makes a crossing one alert: a second replica (or a second look) raising the same key
-- inserts nothing. data is the event's JSON as webhooks receive it: ids and amounts, never a secret.
CREATE TABLE alerts (
    id           TEXT PRIMARY KEY,
    dedupe_key   TEXT NOT NULL UNIQUE,
    type         TEXT NOT NULL,
    at           TEXT NOT NULL,
    workspace_id TEXT,
    summary      TEXT NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX alerts_at ON alerts (at, id);
