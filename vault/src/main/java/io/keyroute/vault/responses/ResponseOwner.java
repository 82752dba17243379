package io.keyroute.vault.responses;

import java.nio.charset.StandardCharsets;

/**
 * Whose stored response it is: the caller that created it. A user's responses are the user's,
 * whichever of their keys asks (as the management API scopes a member's own things); a caller
 * without a user (the admin token, the demo key) owns its responses by its key.
 *
 * @param workspaceId the caller's workspace, or null; kept with the row, not part of the scope
 * @param userId      the caller's user, or null
 * @param keyId       the Keyroute key's id (never its value), or null when there is a user
 */
public record ResponseOwner(String workspaceId, String userId, String keyId) {
    public ResponseOwner {
        if (userId == null && keyId == null) {
            throw new IllegalArgumentException("a response owner needs a user id or a key id");
        }
    }

    /** The scope every lookup matches: {@code user:<id>}, else {@code key:<id>}. */
    public String subject() {
        return userId != null ? "user:" + userId : "key:" + keyId;
    }

    /** Binds the data key an owner's responses share ({@link ResponseDataKeys}) to the owner. */
    byte[] keyBinding() {
        return ("keyroute/response-key/v1|" + subject()).getBytes(StandardCharsets.UTF_8);
    }

    /** Binds a sealed payload to its row: a ciphertext copied to another id or owner does not open. */
    byte[] associatedData(String responseId) {
        return associatedData(responseId, subject());
    }

    /** {@link #associatedData(String)} with this owner's {@link #subject} already made. */
    byte[] associatedData(String responseId, String subject) {
        return ("keyroute/response/v1|" + responseId + "|" + subject).getBytes(StandardCharsets.UTF_8);
    }
}
