package io.keyroute.vault.tenancy;

/**
 * The keys of users and workspaces as replicas cache them ({@code vault.keys.ApiKeys}): a tenancy
 * change that alters what those keys may do has them dropped from every replica's cache once it is
 * committed. An interface here so tenancy needs no knowledge of keys (keys already know tenancy's
 * {@link Role}).
 */
public interface CachedKeys {
    /** Drops a user's keys from every replica's cache: the next use reads the row again. */
    void forgetUser(String userId);

    /** The same for every key of a workspace's users. */
    void forgetWorkspace(String workspaceId);
}
