-- A request whose provider never gave its final token count (the caller left mid-stream, the
-- attempt failed after the upstream accepted it) is charged an upper bound of what it billed, and a
-- count reported by a caller-supplied upstream is clamped to that bound: such rows say so.
ALTER TABLE usage_events ADD COLUMN estimated BOOLEAN NOT NULL DEFAULT FALSE;
