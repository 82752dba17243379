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
 * Under the same lock a change also compares every stored section, its own edit made, with what
 * the caller validated: two edits of different sections, each valid alone, never land together
 * unvalidated ({@link LiveConfig} validates outside the transaction and tries again). Each change
 * is audited in its own transaction.
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
        return all(jdbc);
    }

    private static List<StoredSection> all(Jdbc jdbc) {
        return jdbc.query(SELECT + " ORDER BY section", StoredSections::row);
    }

    public Optional<StoredSection> find(String section) {
        return jdbc.queryOne(SELECT + " WHERE section = ?", StoredSections::row, section);
    }

    /** Every stored section's text, by name: what {@code ConfigLoader.withSections} lays over the file. */
    public Map<String, String> texts() {
        return texts(jdbc);
    }

    private static Map<String, String> texts(Jdbc jdbc) {
        Map<String, String> texts = new LinkedHashMap<>();
        all(jdbc).forEach(s -> texts.put(s.name(), s.content()));
        return texts;
    }

    /**
     * Stores {@code content} as {@code section}, if its stored version is still {@code basedOn}
     * (0: not stored), else 409, and if every stored section with this edit made is still
     * {@code validated} (else {@link ChangedMeanwhile}). Returns what is stored now.
     */
    public StoredSection put(String section, String content, long basedOn, String actor, Map<String, String> validated) {
        return jdbc.inTransaction(tx -> {
            long version = lockRevision(tx);
            long stored = storedVersion(tx, section);
            requireBase(section, stored, basedOn);
            Map<String, String> after = texts(tx);
            after.put(section, content);
            requireValidated(after, validated);
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

    /**
     * Removes {@code section} (the file's applies again): 404 when it is not stored, 409 when its
     * stored version is not {@code basedOn}, {@link ChangedMeanwhile} when the sections left are not
     * {@code validated}.
     */
    public void delete(String section, long basedOn, String actor, Map<String, String> validated) {
        jdbc.inTransaction(tx -> {
            long revision = lockRevision(tx);
            long stored = storedVersion(tx, section);
            if (stored == 0) {
                throw VaultErrors.notFound("config section stored in the database", section);
            }
            requireBase(section, stored, basedOn);
            Map<String, String> after = texts(tx);
            after.remove(section);
            requireValidated(after, validated);
            tx.update("DELETE FROM config_sections WHERE section = ?", section);
            audit.record(tx, actor, "config.section.deleted", section, null, "revision " + revision);
            return null;
        });
    }

    /**
     * The sections an edit was validated with are no longer the stored ones: another edit landed
     * between the validation and the save. Nothing was stored; validate again over what is stored now.
     */
    public static final class ChangedMeanwhile extends RuntimeException {
        ChangedMeanwhile() {
            super("the stored config sections changed since the edit was validated", null, false, false);
        }
    }

    /**
     * Bumps the revision, which takes the writers' lock (a row lock on PostgreSQL, the write lock on
     * SQLite): everything read after it in the transaction stays as read until the commit. The new revision.
     */
    private static long lockRevision(Jdbc tx) {
        tx.update("UPDATE config_revision SET revision = revision + 1 WHERE id = 1");
        return tx.queryOne("SELECT revision FROM config_revision WHERE id = 1", rs -> rs.getLong(1)).orElseThrow();
    }

    /** The section's stored version, 0 when it is not stored. */
    private static long storedVersion(Jdbc tx, String section) {
        return tx.queryOne("SELECT version FROM config_sections WHERE section = ?", rs -> rs.getLong(1), section)
                .orElse(0L);
    }

    private static void requireBase(String section, long stored, long basedOn) {
        if (stored != basedOn) {
            throw VaultErrors.conflict(stored == 0
                    ? "Config section '" + section + "' is not stored in the database (any more): send version 0 to store it."
                    : "Config section '" + section + "' is at version " + stored + ", not " + basedOn
                            + ": someone changed it since you read it. Read it again and reapply your edit.");
        }
    }

    private static void requireValidated(Map<String, String> after, Map<String, String> validated) {
        if (!after.equals(validated)) {
            throw new ChangedMeanwhile();
        }
    }

    private static StoredSection row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredSection(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), Times.parse(rs.getString(5)));
    }
}
