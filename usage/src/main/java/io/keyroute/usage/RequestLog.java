package io.keyroute.usage;

import io.keyroute.api.Usage;
import io.keyroute.store.Database;
import io.keyroute.store.Page;
import io.keyroute.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The latest requests from the usage ledger, newest first, a page at a time: what was asked, what
 * served it and why, what it cost. The ledger holds no content, so neither does this.
 */
public final class RequestLog {
    private static final String SELECT = "SELECT request_id, at, workspace_id, user_id, key_id, credential_id,"
            + " requested_model, route, provider, model, status, outcome, attempts, streamed, prompt_tokens,"
            + " completion_tokens, cached_tokens, reasoning_tokens, cache_write_tokens, cache_write_1h_tokens,"
            + " cost_micros, latency_us, ttft_us, estimated, route_reason, guardrails, cache_status,"
            + " saved_micros, cache_similarity, experiment, experiment_arm FROM usage_events";

    private final NewestFirst<LedgerEntry> listing;

    public RequestLog(Database database) {
        this.listing = new NewestFirst<>(database.jdbc(), "usage_events", "request_id", SELECT, RequestLog::event);
    }

    /**
     * @param before a request id from an earlier page: only older requests; null for the newest.
     *               Empty when that request is not in the scope (so ids of others cannot be probed).
     */
    public Optional<Page<LedgerEntry>> latest(UsageScope scope, int limit, String before) {
        return listing.latest(scope, limit, before);
    }

    private static LedgerEntry event(ResultSet rs) throws SQLException {
        return new LedgerEntry(Times.parse(rs.getString(2)), new RequestRecord(rs.getString(1), rs.getString(5),
                rs.getString(4), rs.getString(3), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getInt(11), rs.getInt(13), rs.getBoolean(14),
                new Usage(rs.getLong(15), rs.getLong(16), rs.getLong(17), rs.getLong(18), rs.getLong(19), rs.getLong(20)),
                rs.getObject(21) == null ? null : rs.getLong(21), rs.getLong(22), rs.getLong(23), rs.getString(12),
                rs.getBoolean(24), rs.getString(25), null, rs.getString(26), cacheUse(rs),
                rs.getString(30), rs.getString(31)));
    }

    private static CacheUse cacheUse(ResultSet rs) throws SQLException {
        return rs.getString(27) == null ? null
                : new CacheUse(rs.getString(27), rs.getLong(28), rs.getObject(29) == null ? null : rs.getDouble(29));
    }
}
