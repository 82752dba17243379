-- What the guardrails decided for each request, step by step ("pii:redact email=2; secrets:pass"):
-- entity types and counts, never a matched value. Null for a request no guardrail checked.
ALTER TABLE usage_events ADD COLUMN guardrails TEXT;
