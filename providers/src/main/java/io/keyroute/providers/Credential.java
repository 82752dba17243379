package io.keyroute.providers;

import io.keyroute.api.Secret;
import java.net.URI;

/**
 * The key a call is made with. {@code id} names where it came from (a stored credential's id, or
 * {@code system:<provider>} for the configured default) so usage and errors can say which key
 * was used without showing it. {@code baseUrl} is a stored credential's own endpoint, or null for
 * the provider's.
 */
public record Credential(String id, Secret apiKey, URI baseUrl) {
    private static final String SYSTEM = "system:";

    public Credential(String id, Secret apiKey) {
        this(id, apiKey, null);
    }

    /** The configured default key of {@code providerId}, which is no stored credential. */
    public static Credential system(String providerId, Secret apiKey) {
        return new Credential(SYSTEM + providerId, apiKey);
    }

    /** The stored credential's id, or null for a provider's configured default key. */
    public String storedId() {
        return id.startsWith(SYSTEM) ? null : id;
    }
}
