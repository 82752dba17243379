package io.keyroute.benchmarks;

import io.keyroute.api.Usage;
import io.keyroute.catalog.Needs;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.usage.RequestRecord;
import java.util.List;
import java.util.Set;

/**
 * Gate requests for the rate-limit measurements: many keys whose limits are high enough never to
 * refuse (the cost measured is the bookkeeping, not the refusal), and the record that settles them.
 */
final class RateLimitRequests {
    private static final KeyLimits HIGH = new KeyLimits(1_000_000_000, 2_000_000_000, null);
    private static final RouteDecision DECISION = new RouteDecision("gpt-4o-mini", null, "direct", null, null,
            new Needs(Set.of(), 300, 200, 200), List.of(), List.of(), "asked for it");

    private final GateRequest[] limited;
    private final GateRequest unlimited;
    private final RequestRecord record;

    RateLimitRequests(int keys) {
        limited = new GateRequest[keys];
        for (int i = 0; i < keys; i++) {
            limited[i] = request(new Caller("key_" + i, "user_" + i, "ws_1", null, Set.of(), false, HIGH));
        }
        unlimited = request(Caller.unrestricted("key_free", "user_free"));
        record = new RequestRecord("req_1", "key_0", "user_0", "ws_1", null, "gpt-4o-mini", null, "openai",
                "gpt-4o-mini", 200, 1, false, new Usage(310, 150, 0, 0), 120L, 1_000, 0, "ok");
    }

    private static GateRequest request(Caller caller) {
        return new GateRequest("req_1", caller, DECISION, null, 1_200);
    }

    int size() {
        return limited.length;
    }

    GateRequest limited(int i) {
        return limited[i];
    }

    GateRequest unlimited() {
        return unlimited;
    }

    RequestRecord record() {
        return record;
    }
}
