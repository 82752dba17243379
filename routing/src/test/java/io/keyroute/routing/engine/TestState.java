package io.keyroute.routing.engine;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.catalog.Target;
import io.keyroute.routing.RoutingState;
import io.keyroute.routing.Unavailable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** A routing state tests set up: providers with an open circuit or no key, and latencies. */
final class TestState implements RoutingState {
    final Set<String> openCircuits = new HashSet<>();
    final Set<String> noCredential = new HashSet<>();
    final Map<Target, Long> p50 = new HashMap<>();

    TestState open(String provider) {
        openCircuits.add(provider);
        return this;
    }

    TestState keyless(String provider) {
        noCredential.add(provider);
        return this;
    }

    TestState latency(Target target, long ms) {
        p50.put(target, ms);
        return this;
    }

    @Override
    public Optional<Unavailable> unavailable(Target target) {
        String p = target.providerId();
        if (openCircuits.contains(p)) {
            return Optional.of(new Unavailable("circuit open", UpstreamError.connect(p, "circuit open")));
        }
        if (noCredential.contains(p)) {
            return Optional.of(new Unavailable("no credential",
                    ClientError.badRequest("no_credential", "No credential for provider '" + p + "'.", "model")));
        }
        return Optional.empty();
    }

    @Override
    public OptionalLong p50Millis(Target target) {
        Long ms = p50.get(target);
        return ms == null ? OptionalLong.empty() : OptionalLong.of(ms);
    }
}
