-- The management API: key expiry, deactivated workspaces and users (their keys stop working, the
-- rows stay for the audit trail and the ledger), and why each request went where it did.
ALTER TABLE api_keys ADD COLUMN expires_at TEXT;
ALTER TABLE workspaces ADD COLUMN deactivated_at TEXT;
ALTER TABLE users ADD COLUMN deactivated_at TEXT;
ALTER TABLE usage_events ADD COLUMN route_reason TEXT;

-- A workspace admin's audit trail, newest first; a workspace's users.
CREATE INDEX audit_events_workspace_at ON audit_events (workspace_id, at);
CREATE INDEX users_workspace ON users (workspace_id);
