package io.keyroute.vault.audit;

import java.time.Instant;

/**
 * Something that happened to a key, credential or config. {@code detail} is a short human note
 * and never holds a secret (masked forms only).
 */
public record AuditEvent(String id, Instant at, String actor, String action, String target, String workspaceId,
                         String detail) {
}
