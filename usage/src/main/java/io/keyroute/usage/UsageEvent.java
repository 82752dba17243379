package io.keyroute.usage;

import io.keyroute.api.Usage;
import java.time.Instant;

/**
 * One ledger row: a finished inference request. Ids name keys and credentials, never their values.
 *
 * @param costMicros catalog price × tokens in micro-dollars, or null when the model is unpriced
 * @param outcome    ok, error, cancelled or cut
 * @param estimated  the tokens (and cost) are an upper bound, not the provider's final count
 * @param routeReason why the request went where it did (the x-keyroute-route-reason answer), or null
 */
public record UsageEvent(String requestId, Instant at, String workspaceId, String userId, String keyId,
                         String credentialId, String requestedModel, String route, String provider, String model,
                         int status, String outcome, int attempts, boolean streamed, Usage usage, Long costMicros,
                         long latencyMicros, long timeToFirstTokenMicros, boolean estimated,
                         String routeReason) {

    /** An event without a route reason (refused before routing). */
    public UsageEvent(String requestId, Instant at, String workspaceId, String userId, String keyId,
                      String credentialId, String requestedModel, String route, String provider, String model,
                      int status, String outcome, int attempts, boolean streamed, Usage usage, Long costMicros,
                      long latencyMicros, long timeToFirstTokenMicros, boolean estimated) {
        this(requestId, at, workspaceId, userId, keyId, credentialId, requestedModel, route, provider, model, status,
                outcome, attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, estimated, null);
    }

    /** An event with the provider's own count and no route reason. */
    public UsageEvent(String requestId, Instant at, String workspaceId, String userId, String keyId,
                      String credentialId, String requestedModel, String route, String provider, String model,
                      int status, String outcome, int attempts, boolean streamed, Usage usage, Long costMicros,
                      long latencyMicros, long timeToFirstTokenMicros) {
        this(requestId, at, workspaceId, userId, keyId, credentialId, requestedModel, route, provider, model, status,
                outcome, attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, false, null);
    }
}
