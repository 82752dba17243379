package io.keyroute.server.auth;

import java.util.Set;

/**
 * Who is calling, once authenticated. {@code keyId} names the Keyroute key (never its value) for
 * usage and audit.
 *
 * @param workspaceId   the caller's workspace, or null (the admin token, the demo key)
 * @param plan          the workspace's plan name, or null for no plan limits
 * @param allowedModels the key's own model allow-list; empty means every model
 * @param admin         whether the caller may use the whole management API
 * @param limits        the key's own rate limits and budget
 * @param role          the key's user's role in its workspace ({@code admin} or {@code member}), {@code admin}
 *                      for the admin token, or null (the demo key, tests); what policies read as {@code caller.role}
 */
public record Caller(String keyId, String userId, String workspaceId, String plan, Set<String> allowedModels,
                     boolean admin, KeyLimits limits, String role) {
    public Caller {
        allowedModels = allowedModels == null ? Set.of() : Set.copyOf(allowedModels);
        limits = limits == null ? KeyLimits.NONE : limits;
    }

    /** A caller of no known role. */
    public Caller(String keyId, String userId, String workspaceId, String plan, Set<String> allowedModels,
                  boolean admin, KeyLimits limits) {
        this(keyId, userId, workspaceId, plan, allowedModels, admin, limits, null);
    }

    /** A caller whose key has no limits of its own. */
    public Caller(String keyId, String userId, String workspaceId, String plan, Set<String> allowedModels,
                  boolean admin) {
        this(keyId, userId, workspaceId, plan, allowedModels, admin, KeyLimits.NONE);
    }

    /** Who this caller is for splits that keep a caller on one side: the user, else the Keyroute key. */
    public String stickyKey() {
        return userId != null ? userId : keyId;
    }

    /** The operator's own admin token: every model, every management endpoint. */
    public static Caller operator() {
        return new Caller("admin", null, null, null, Set.of(), true, KeyLimits.NONE, "admin");
    }

    /** A key with no workspace and no limits (the demo key, tests). */
    public static Caller unrestricted(String keyId, String userId) {
        return new Caller(keyId, userId, null, null, Set.of(), false);
    }
}
