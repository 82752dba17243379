-- A deleted or rotated credential version keeps no secret material: its ciphertext goes with its
-- wrapped data key (before, only the wrapped key was destroyed). Rows stay for the audit trail
-- (masked key, dates).
UPDATE credential_versions
   SET ciphertext = '', wrapped_key = NULL, master_key_id = NULL
 WHERE wrapped_key IS NULL OR retired_at IS NOT NULL;
