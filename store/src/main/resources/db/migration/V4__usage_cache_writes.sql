-- Prompt-cache writes (Anthropic bills them above the input price), part of prompt_tokens like
-- cached_tokens; the one-hour share is billed higher than the default five minutes.
ALTER TABLE usage_events ADD COLUMN cache_write_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_events ADD COLUMN cache_write_1h_tokens BIGINT NOT NULL DEFAULT 0;
