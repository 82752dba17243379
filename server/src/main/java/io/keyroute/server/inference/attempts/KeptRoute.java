package io.keyroute.server.inference.attempts;

import io.keyroute.catalog.Target;

/**
 * What served a conversation last, so the next turn can stay there while it is healthy: the
 * provider's prompt cache is per model and key, and a model switched mid-way answers differently.
 *
 * @param credentialId the stored credential that served it, or null for the provider's configured key
 * @param byPrefix     whether it is kept for a prompt prefix the request shares ({@link PromptPrefix})
 *                     rather than for a session it named
 */
public record KeptRoute(Target target, String credentialId, boolean byPrefix) {

    /** A named session's (a session header, a {@code previous_response_id}). */
    public KeptRoute(Target target, String credentialId) {
        this(target, credentialId, false);
    }

    /** What the route reason says is kept or moved. */
    String what() {
        return byPrefix ? "Prompt prefix" : "Session";
    }
}
