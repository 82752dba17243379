package io.keyroute.server.usage;

import io.keyroute.api.Usage;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.pipeline.Attempt;
import io.keyroute.server.pipeline.Outcome;
import io.keyroute.usage.PriceBook;

/**
 * One finished inference request, as accounting sees it: one per request, however many attempts
 * it took. Ids name keys and credentials, never their values; {@code provider}/{@code model}/
 * {@code credentialId} are null when no attempt was made.
 *
 * @param route       the route name the caller asked for, or null for a direct model request
 * @param costMicros  catalog price × tokens in micro-dollars, or null when the catalog has no price
 * @param outcome     ok, error, cancelled (the caller left) or cut (the stream broke after it started)
 */
public record RequestRecord(String requestId, String keyId, String userId, String workspaceId, String credentialId,
                            String requestedModel, String route, String provider, String model, int status,
                            int attempts, boolean streamed, Usage usage, Long costMicros, long latencyMicros,
                            long timeToFirstTokenMicros, String outcome) {

    /** A request whose answer was delivered (whole, streamed, or cut short), priced at its final attempt's model. */
    public static RequestRecord delivered(String requestId, Caller caller, String requestedModel, String route,
                                          Outcome outcome, boolean streamed, PriceBook prices, long latencyMicros,
                                          long timeToFirstTokenMicros) {
        Attempt attempt = outcome.attempt();
        var cost = prices.micros(attempt.target(), outcome.usage());
        return new RequestRecord(requestId, caller.keyId(), caller.userId(), caller.workspaceId(),
                attempt.credential() == null ? null : attempt.credential().id(), requestedModel, route,
                attempt.provider().id(), attempt.target().upstreamModel(), outcome.status(), attempt.number(), streamed,
                outcome.usage(), cost.isPresent() ? cost.getAsLong() : null, latencyMicros, timeToFirstTokenMicros,
                outcome.result());
    }

    /** A request that ended in an error before any answer was delivered: nothing to bill. */
    public static RequestRecord failed(String requestId, Caller caller, String requestedModel, String route, int status,
                                       int attempts, boolean streamed, long latencyMicros) {
        return new RequestRecord(requestId, caller == null ? null : caller.keyId(), caller == null ? null : caller.userId(),
                caller == null ? null : caller.workspaceId(), null, requestedModel, route, null, null, status, attempts,
                streamed, Usage.NONE, 0L, latencyMicros, 0, "error");
    }
}
