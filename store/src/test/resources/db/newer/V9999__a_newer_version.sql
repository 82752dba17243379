-- What the next version's migration may do (UpgradeCompatibilityTest): add, never drop, rename or retype.
ALTER TABLE usage_events ADD COLUMN added_by_a_newer_version TEXT;
CREATE TABLE added_by_a_newer_version (id TEXT PRIMARY KEY);
