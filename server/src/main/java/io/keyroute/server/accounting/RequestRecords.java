package io.keyroute.server.accounting;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.api.Usage;
import io.keyroute.usage.CacheUse;
import io.keyroute.usage.Charge;
import io.keyroute.usage.PriceBook;
import io.keyroute.usage.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Makes the {@link RequestRecord} of a finished inference request from what the server knows of it:
 * who called, what was asked, and how the attempts ended.
 */
public final class RequestRecords {

    private RequestRecords() {
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

    /**
     * A request answered from the cache: no attempt, no tokens, no cost; what it saved is in {@code hit}.
     *
     * @param provider the provider that made the stored answer
     * @param model    its model, as the provider names it
     */
    public static RequestRecord cached(String requestId, Caller caller, String requestedModel, String route,
                                       String provider, String model, boolean streamed, long latencyMicros,
                                       long timeToFirstTokenMicros, CacheUse hit) {
        return new RequestRecord(requestId, caller.keyId(), caller.userId(), caller.workspaceId(), null, requestedModel,
                route, provider, model, 200, 0, streamed, Usage.NONE, 0L, latencyMicros, timeToFirstTokenMicros, "ok",
                false, null).withCache(hit);
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
