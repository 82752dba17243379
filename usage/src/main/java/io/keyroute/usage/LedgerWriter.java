package io.keyroute.usage;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import java.util.List;

/**
 * Inserts ledger rows as one JDBC batch in one transaction: a batch is stored whole or not at all,
 * and storing it again changes nothing.
 */
final class LedgerWriter {
    private static final String INSERT = "INSERT INTO usage_events (request_id, at, workspace_id, user_id, key_id,"
            + " credential_id, requested_model, route, provider, model, status, outcome, attempts, streamed,"
            + " prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, cache_write_tokens,"
            + " cache_write_1h_tokens, cost_micros, latency_us, ttft_us, estimated, route_reason, guardrails,"
            + " cache_status, saved_micros, cache_similarity, experiment, experiment_arm)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            // A batch retried after a commit whose answer was lost must not count its requests twice.
            + " ON CONFLICT (request_id) DO NOTHING";

    private final Jdbc jdbc;

    LedgerWriter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void write(List<LedgerEntry> events) {
        List<Object[]> rows = events.stream().map(LedgerWriter::row).toList();
        jdbc.inTransaction(tx -> tx.batch(INSERT, rows));
    }

    private static Object[] row(LedgerEntry entry) {
        RequestRecord e = entry.request();
        return new Object[] {e.requestId(), Times.format(entry.at()), e.workspaceId(), e.userId(), e.keyId(),
                e.credentialId(), e.requestedModel(), e.route(), e.provider(), e.model(), e.status(), e.outcome(),
                e.attempts(), e.streamed(), e.usage().promptTokens(), e.usage().completionTokens(),
                e.usage().cachedTokens(), e.usage().reasoningTokens(), e.usage().cacheWriteTokens(),
                e.usage().cacheWrite1hTokens(), e.costMicros(), e.latencyMicros(),
                e.timeToFirstTokenMicros(), e.estimated(), e.routeReason(), e.guardrails(),
                e.cache() == null ? null : e.cache().status(), e.cache() == null ? 0L : e.cache().savedMicros(),
                e.cache() == null ? null : e.cache().similarity(), e.experiment(), e.experimentArm()};
    }
}
