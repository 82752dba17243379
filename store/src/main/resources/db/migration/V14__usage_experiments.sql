-- The A/B experiment a request was part of and the arm its caller is assigned to (the arm's model as
-- configured); both null for a request outside every experiment. GET /api/v1/experiments reads one
-- experiment's rows per arm, ordered by latency for the percentiles.
ALTER TABLE usage_events ADD COLUMN experiment TEXT;
ALTER TABLE usage_events ADD COLUMN experiment_arm TEXT;
CREATE INDEX usage_events_experiment ON usage_events (experiment, experiment_arm, latency_us);
