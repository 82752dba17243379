package io.keyroute.usage;

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

    /** The SQL condition (" AND column = ?", or nothing for everyone) whose parameter is {@link #id}. */
    String condition() {
        return column == null ? "" : " AND " + column + " = ?";
    }
}
