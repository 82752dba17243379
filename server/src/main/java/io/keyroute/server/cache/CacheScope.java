package io.keyroute.server.cache;

/**
 * Whose answers a request may be served: a stored answer is found only under the scope that stored it, so a
 * hit never crosses workspaces (nor users, when the cache is per user).
 *
 * @param workspaceId the caller's workspace; null for callers without one (the admin token, the demo key), who
 *                    share one scope of their own that no workspace's caller reaches
 * @param userId      the caller's user when the cache is per user, else null
 */
public record CacheScope(String workspaceId, String userId) {
}
