package io.keyroute.server.inference.attempts;

import io.keyroute.catalog.Target;

/**
 * What served a conversation last, so the next turn can stay there while it is healthy: the
 * provider's prompt cache is per model and key, and a model switched mid-way answers differently.
 *
 * @param credentialId the stored credential that served it, or null for the provider's configured key
 */
public record KeptRoute(Target target, String credentialId) {
}
