-- What a stored response's wrapped data key is bound to: 'row' (its own key, bound to the row's id
-- and owner, as every row before this version) or 'owner' (a key its owner's responses share for an
-- hour, bound to the owner; the ciphertext stays bound to the row's id and owner).
ALTER TABLE stored_responses ADD COLUMN key_scope TEXT NOT NULL DEFAULT 'row';
