package io.keyroute.providers;

import io.keyroute.api.Secret;

/**
 * The key a call is made with. {@code id} names where it came from (a stored credential's id, or
 * {@code system:<provider>} for the configured default) so usage and errors can say which key
 * was used without showing it.
 */
public record Credential(String id, Secret apiKey) {
}
