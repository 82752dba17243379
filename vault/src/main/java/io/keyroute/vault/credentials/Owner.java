package io.keyroute.vault.credentials;

import java.nio.charset.StandardCharsets;

/** Whose credential it is: a user's own, or a workspace's (shared by its users). */
public record Owner(Type type, String id) {
    public enum Type { USER, WORKSPACE }

    public static Owner user(String userId) {
        return new Owner(Type.USER, userId);
    }

    public static Owner workspace(String workspaceId) {
        return new Owner(Type.WORKSPACE, workspaceId);
    }

    /**
     * The associated data that binds a sealed secret to its row: credential id, version and owner.
     * A ciphertext or wrapped key copied to any other row fails to decrypt.
     */
    byte[] associatedData(String credentialId, int version) {
        return ("keyroute/credential/v1|" + credentialId + "|" + version + "|" + type + ":" + id)
                .getBytes(StandardCharsets.UTF_8);
    }
}
