package io.keyroute.server.config.stored;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.common.VaultErrors;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The config sections kept in the database (V18 {@code config_sections}) and the one revision
 * number every change bumps ({@code config_revision}), which replicas poll. A change names the
 * version it was based on (0: the section is not stored) and lands only if that is still the
 * stored one, so two admins never overwrite each other unseen: writers first bump the revision
 * row, which serialises them (a row lock on PostgreSQL, the write lock on SQLite), then compare.
 * Each change is audited in its own transaction.
 */
public final class StoredSections {
    private static final String SELECT = "SELECT section, content, version, updated_by, updated_at FROM config_sections";

    private final Jdbc jdbc;
    private final AuditLog audit;
    private final Clock clock;

    public StoredSections(Jdbc jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The number every change bumps: one indexed row, cheap to poll. */
    public long revision() {
        return jdbc.queryOne("SELECT revision FROM config_revision WHERE id = 1", rs -> rs.getLong(1)).orElse(0L);
    }

    /** Every stored section, by name. */
    public List<StoredSection> all() {
        return jdbc.query(SELECT + " ORDER BY section", StoredSections::row);
    }

    public Optional<StoredSection> find(String section) {
        return jdbc.queryOne(SELECT + " WHERE section = ?", StoredSections::row, section);
    }

    /** Every stored section's text, by name: what {@code ConfigLoader.withSections} lays over the file. */
    public Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        all().forEach(s -> texts.put(s.name(), s.content()));
        return texts;
    }

    /**
     * Stores {@code content} as {@code section}, if its stored version is still {@code basedOn}
     * (0: not stored); else 409. Returns what is stored now.
     */
    public StoredSection put(String section, String content, long basedOn, String actor) {
        return jdbc.inTransaction(tx -> {
            long version = nextRevision(tx, section, basedOn);
            String now = Times.format(Times.now(clock));
            if (basedOn == 0) {
                tx.update("INSERT INTO config_sections (section, content, version, updated_by, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?)", section, content, version, actor, now);
            } else {
                tx.update("UPDATE config_sections SET content = ?, version = ?, updated_by = ?, updated_at = ?"
                        + " WHERE section = ?", content, version, actor, now, section);
            }
            audit.record(tx, actor, "config.section.updated", section, null, "version " + version);
            return new StoredSection(section, content, version, actor, Times.parse(now));
        });
    }

    /** Removes {@code section} (the file's applies again), if its stored version is still {@code basedOn}; else 409. */
    public void delete(String section, long basedOn, String actor) {
        jdbc.inTransaction(tx -> {
            long version = nextRevision(tx, section, basedOn);
            tx.update("DELETE FROM config_sections WHERE section = ?", section);
            audit.record(tx, actor, "config.section.deleted", section, null, "revision " + version);
            return null;
        });
    }

    /** Bumps the revision (taking the writers' lock), then checks the edit's base; the new revision. */
    private static long nextRevision(Jdbc tx, String section, long basedOn) {
        tx.update("UPDATE config_revision SET revision = revision + 1 WHERE id = 1");
        long stored = tx.queryOne("SELECT version FROM config_sections WHERE section = ?", rs -> rs.getLong(1), section)
                .orElse(0L);
        if (stored != basedOn) {
            throw VaultErrors.conflict(stored == 0
                    ? "Config section '" + section + "' is not stored in the database (any more): send version 0 to store it."
                    : "Config section '" + section + "' is at version " + stored + ", not " + basedOn
                            + ": someone changed it since you read it. Read it again and reapply your edit.");
        }
        return tx.queryOne("SELECT revision FROM config_revision WHERE id = 1", rs -> rs.getLong(1)).orElseThrow();
    }

    private static StoredSection row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredSection(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), Times.parse(rs.getString(5)));
    }
}
