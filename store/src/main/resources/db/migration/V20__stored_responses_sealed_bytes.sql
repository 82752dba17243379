-- A kept response's ciphertext as bytes (BYTEA on PostgreSQL; on SQLite a column that keeps a BLOB as written),
-- not base64 in the TEXT column ciphertext: no encoding on the answer's path, a third fewer bytes written.
-- Rows written from this version have it and '' in ciphertext; earlier rows keep theirs in ciphertext (null
-- here) and still open.
ALTER TABLE stored_responses ADD COLUMN sealed BYTEA;
