package io.keyroute.vault.audit;

import java.time.Instant;

/**
 * What to read of the audit trail: events with {@code from <= at < to}, each filter null for any,
 * newest first, at most {@code limit}, older than the event {@code before} (an id from an earlier
 * page) when it is set.
 */
public record AuditQuery(Instant from, Instant to, String actor, String action, String target, String workspaceId,
                         int limit, String before) {
}
