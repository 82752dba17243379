-- Credentials for upstream MCP servers share the provider credentials' rows, versions, envelope
-- encryption, rotation, soft delete and audit; `kind` tells them apart ('LLM' or 'MCP', where
-- `provider` then holds the MCP server's id). `auth_type` is an MCP credential's form ('token': a
-- static bearer token; 'oauth': OAuth 2.1 tokens, sealed as one secret) and `expires_at` when its
-- access token expires (shown, and read to refresh it early); both NULL for provider credentials.
ALTER TABLE credentials ADD COLUMN kind TEXT NOT NULL DEFAULT 'LLM';
ALTER TABLE credentials ADD COLUMN auth_type TEXT;
ALTER TABLE credentials ADD COLUMN expires_at TEXT;
-- Names and defaults are unique within a kind: an MCP credential named "docs" does not collide
-- with a provider credential of that name, nor an MCP server called "openai" with the provider.
DROP INDEX credentials_name;
CREATE UNIQUE INDEX credentials_name ON credentials (owner_type, owner_id, kind, name) WHERE deleted_at IS NULL;
DROP INDEX credentials_default;
CREATE UNIQUE INDEX credentials_default ON credentials (owner_type, owner_id, kind, provider)
    WHERE is_default = TRUE AND deleted_at IS NULL;
