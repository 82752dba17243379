-- Tool calls through /mcp: who called which tool of which upstream MCP server, how it ended, how long it took and
-- how big it was. arguments and result only when mcp.record_content is on, redacted by the guardrails' detectors;
-- never the caller's key (key_id names it) nor an upstream credential.
CREATE TABLE mcp_calls (
    id             TEXT PRIMARY KEY,
    at             TEXT NOT NULL,
    key_id         TEXT NOT NULL,
    user_id        TEXT,
    workspace_id   TEXT,
    server_id      TEXT NOT NULL,
    tool           TEXT NOT NULL,
    status         TEXT NOT NULL,
    latency_ms     BIGINT NOT NULL,
    request_bytes  BIGINT NOT NULL,
    response_bytes BIGINT NOT NULL,
    arguments      TEXT,
    result         TEXT
);
CREATE INDEX mcp_calls_at ON mcp_calls (at, id);
CREATE INDEX mcp_calls_workspace_at ON mcp_calls (workspace_id, at);
