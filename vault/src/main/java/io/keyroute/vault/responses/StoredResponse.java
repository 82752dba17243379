package io.keyroute.vault.responses;

import java.time.Instant;

/**
 * A kept response, decrypted for its owner; gone (never found) from {@code expiresAt} on.
 *
 * @param body the Response object as saved, or null
 */
public record StoredResponse(String id, ResponseOwner owner, String previousResponseId, ServedBy servedBy,
                             Instant createdAt, Instant expiresAt, ResponseItems items, String body) {
}
