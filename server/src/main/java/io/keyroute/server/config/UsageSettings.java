package io.keyroute.server.config;

import java.util.OptionalInt;

/**
 * The {@code usage:} section: how long the ledger's raw rows (one per request, what {@code GET /api/v1/requests}
 * lists) are kept. Their daily roll-ups, which {@code GET /api/v1/usage} reads, are kept for ever.
 *
 * @param retentionDays raw rows of the days before the last this many (today not counted) are deleted once
 *                      rolled up; absent: kept for ever. At least {@link #MIN_RETENTION_DAYS}: a budget's
 *                      counter is rebuilt from the raw rows of its period, a month at most
 */
public record UsageSettings(Integer retentionDays) {
    public static final UsageSettings DEFAULT = new UsageSettings(null);
    public static final int MIN_RETENTION_DAYS = 32;
    public static final int MAX_RETENTION_DAYS = 36_500;

    /** The days raw rows are kept; empty: for ever. */
    public OptionalInt retention() {
        return retentionDays == null ? OptionalInt.empty() : OptionalInt.of(retentionDays);
    }
}
