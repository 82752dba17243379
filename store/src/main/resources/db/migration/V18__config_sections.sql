-- Run-time config kept in the database (issue 27): one row per top-level section of the YAML config
-- (routes, aliases, guardrails, ...), its text exactly as that section would be written in the file
-- (`routes:` and what follows), environment references left unresolved. A section stored here replaces the
-- file's section of that name whole; a section absent here is the file's. `version` is the
-- revision that last wrote the row (never reused, so an edit based on a deleted section's version
-- cannot land on a newer one).
CREATE TABLE config_sections (
    section    TEXT PRIMARY KEY,
    content    TEXT NOT NULL,
    version    BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One row, bumped in the same transaction as every change to config_sections: the one cheap value
-- every replica polls to notice a change (and the row writers lock to serialise their version checks).
CREATE TABLE config_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO config_revision (id, revision) VALUES (1, 0);
