package io.keyroute.server.accounting;

import io.keyroute.api.Usage;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.usage.Charge;
import io.keyroute.usage.PriceBook;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One finished inference request, as accounting sees it: one per request, however many attempts
 * it took. Ids name keys and credentials, never their values; {@code provider}/{@code model}/
 * {@code credentialId} are null when no attempt was made.
 *
 * <p>Tokens and cost cover every attempt the provider billed: the delivered one and any that
 * failed after the provider had reported usage, each priced at its own model.
 *
 * @param route       the route name the caller asked for, or null for a direct model request
 * @param costMicros  catalog price × tokens in micro-dollars, or null when the catalog has no price
 * @param outcome     ok, error, cancelled (the caller left) or cut (the stream broke after it started)
 * @param estimated   some of the tokens are an upper bound, not the provider's own count (see {@code Metering})
 * @param routeReason why the request went where it did, or null when it was refused before routing
 */
public record RequestRecord(String requestId, String keyId, String userId, String workspaceId, String credentialId,
                            String requestedModel, String route, String provider, String model, int status,
                            int attempts, boolean streamed, Usage usage, Long costMicros, long latencyMicros,
                            long timeToFirstTokenMicros, String outcome, boolean estimated,
                            String routeReason) {

    /** A record of the providers' own counts, without a route reason. */
    public RequestRecord(String requestId, String keyId, String userId, String workspaceId, String credentialId,
                         String requestedModel, String route, String provider, String model, int status, int attempts,
                         boolean streamed, Usage usage, Long costMicros, long latencyMicros, long timeToFirstTokenMicros,
                         String outcome) {
        this(requestId, keyId, userId, workspaceId, credentialId, requestedModel, route, provider, model, status,
                attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, outcome, false, null);
    }

    /** This record with the routing decision's reason. */
    public RequestRecord withRouteReason(String reason) {
        return new RequestRecord(requestId, keyId, userId, workspaceId, credentialId, requestedModel, route, provider,
                model, status, attempts, streamed, usage, costMicros, latencyMicros, timeToFirstTokenMicros, outcome,
                estimated, reason);
    }

    /** A request whose answer was delivered (whole, streamed, or cut short), with what earlier attempts were billed. */
    public static RequestRecord delivered(String requestId, Caller caller, String requestedModel, String route,
                                          Outcome outcome, boolean streamed, PriceBook prices, long latencyMicros,
                                          long timeToFirstTokenMicros) {
        Attempt attempt = outcome.attempt();
        List<Charge> charges = new ArrayList<>(attempt.billedBefore());
        charges.add(outcome.charge());
        return new RequestRecord(requestId, caller.keyId(), caller.userId(), caller.workspaceId(),
                attempt.credential() == null ? null : attempt.credential().id(), requestedModel, route,
                attempt.provider().id(), attempt.target().upstreamModel(), outcome.status(), attempt.number(), streamed,
                Charge.total(charges), orNull(prices.micros(charges)), latencyMicros, timeToFirstTokenMicros,
                outcome.result(), Charge.anyEstimated(charges), null);
    }

    /** A request that ended in an error before any answer was delivered, no attempt billed. */
    public static RequestRecord failed(String requestId, Caller caller, String requestedModel, String route, int status,
                                       int attempts, boolean streamed, long latencyMicros) {
        return failed(requestId, caller, requestedModel, route, status, attempts, List.of(), streamed, null,
                latencyMicros);
    }

    /**
     * A request that ended in an error before any answer was delivered. What its failed attempts
     * were billed is counted, under the last billed attempt's provider and model ({@code prices}
     * is read only then).
     */
    public static RequestRecord failed(String requestId, Caller caller, String requestedModel, String route, int status,
                                       int attempts, List<Charge> billed, boolean streamed, PriceBook prices,
                                       long latencyMicros) {
        Charge last = billed.isEmpty() ? null : billed.getLast();
        return new RequestRecord(requestId, caller == null ? null : caller.keyId(), caller == null ? null : caller.userId(),
                caller == null ? null : caller.workspaceId(), null, requestedModel, route,
                last == null ? null : last.target().providerId(), last == null ? null : last.target().upstreamModel(),
                status, attempts, streamed, Charge.total(billed), billed.isEmpty() ? 0L : orNull(prices.micros(billed)),
                latencyMicros, 0, "error", Charge.anyEstimated(billed), null);
    }

    private static Long orNull(OptionalLong micros) {
        return micros.isPresent() ? micros.getAsLong() : null;
    }
}
