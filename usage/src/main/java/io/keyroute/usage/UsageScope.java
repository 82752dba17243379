package io.keyroute.usage;

import java.util.Optional;

/**
 * Whose ledger rows a report or listing reads: everyone's (the admin token), one workspace's (its
 * admin) or one user's (anyone else).
 */
public record UsageScope(String column, String id) {
    public static final UsageScope ALL = new UsageScope(null, null);

    public static UsageScope workspace(String workspaceId) {
        return new UsageScope("workspace_id", workspaceId);
    }

    public static UsageScope user(String userId) {
        return new UsageScope("user_id", userId);
    }

    /** The parameter of {@link #condition}, if it has one. */
    Optional<String> parameter() {
        return Optional.ofNullable(id);
    }

    /** The SQL condition (" AND column = ?", or nothing for everyone) whose parameter is {@link #id}. */
    String condition() {
        return column == null ? "" : " AND " + column + " = ?";
    }
}
