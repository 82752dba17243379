package io.keyroute.server.config.stored;

import java.time.Instant;

/**
 * One run-time config section kept in the database.
 *
 * @param content   its YAML text as written in the file ({@code routes:} and what follows), references unresolved
 * @param version   the config revision that last wrote it: what an edit must name to replace it
 * @param updatedBy who wrote it (the management API's actor)
 */
public record StoredSection(String name, String content, long version, String updatedBy, Instant updatedAt) {
}
