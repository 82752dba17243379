-- What the answer cache did for each request: 'hit', 'miss' or 'bypass' (null while no cache was enabled);
-- a hit's saved cost (the cost of the call it replaced, in micro-dollars; the hit's own cost_micros is 0);
-- and for a semantic hit, how similar the stored prompt was (cosine, 0..1).
ALTER TABLE usage_events ADD COLUMN cache_status TEXT;
ALTER TABLE usage_events ADD COLUMN saved_micros BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_events ADD COLUMN cache_similarity DOUBLE PRECISION;
