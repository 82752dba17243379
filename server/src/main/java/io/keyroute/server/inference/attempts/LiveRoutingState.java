package io.keyroute.server.inference.attempts;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.catalog.Target;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.routing.RoutingState;
import io.keyroute.routing.Unavailable;
import io.keyroute.routing.health.CircuitSnapshot;
import io.keyroute.routing.health.CircuitState;
import io.keyroute.routing.health.Health;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.runtime.GatewayRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Routing's view of the gateway for one request: a target is unavailable when its provider's
 * circuit is open, when no credential can be found for this caller, or when that credential's
 * circuit is open. Answers are kept per provider for the request, so routing sees one state.
 */
final class LiveRoutingState implements RoutingState {
    /** The reason routing gives a target this caller holds no credential for. */
    static final String NO_CREDENTIAL = "no credential";

    private final GatewayRuntime runtime;
    private final Health health;
    private final CredentialResolver credentials;
    private final Caller caller;
    private final Optional<String> credentialId;
    private final boolean ownKeysAllowed;
    private final Instant now;
    private final Map<String, Optional<Unavailable>> byProvider = new HashMap<>();

    LiveRoutingState(GatewayRuntime runtime, Health health, CredentialResolver credentials, Caller caller,
                     Optional<String> credentialId, boolean ownKeysAllowed, Instant now) {
        this.runtime = runtime;
        this.health = health;
        this.credentials = credentials;
        this.caller = caller;
        this.credentialId = credentialId;
        this.ownKeysAllowed = ownKeysAllowed;
        this.now = now;
    }

    @Override
    public Optional<Unavailable> unavailable(Target target) {
        return byProvider.computeIfAbsent(target.providerId(), this::check);
    }

    @Override
    public OptionalLong p50Millis(Target target) {
        return health.latency().p50(target);
    }

    private Optional<Unavailable> check(String providerId) {
        CircuitSnapshot circuit = health.provider(providerId).snapshot();
        if (circuit.state() == CircuitState.OPEN) {
            return Optional.of(open(providerId, "circuit open", circuit));
        }
        Provider provider = runtime.provider(providerId);
        Credential credential;
        try {
            credential = credentials.peek(caller, provider, credentialId, ownKeysAllowed);
        } catch (ClientError e) {
            return Optional.of(new Unavailable(NO_CREDENTIAL, e));
        }
        CircuitSnapshot key = health.credential(providerId, credential.id()).snapshot();
        if (key.state() == CircuitState.OPEN) {
            return Optional.of(open(providerId, "credential circuit open", key));
        }
        return Optional.empty();
    }

    /**
     * Whether this caller may still call {@code providerId} with stored credential {@code id}: it is
     * active and theirs (or their workspace's) and their plan allows their own keys.
     */
    boolean mayUse(String providerId, String id) {
        try {
            return credentials.peek(caller, runtime.provider(providerId), Optional.of(id), ownKeysAllowed).id().equals(id);
        } catch (ClientError e) {
            return false;
        }
    }

    /** Why the circuit of {@code providerId}'s credential {@code id} refuses calls, if it does. */
    Optional<String> credentialOpen(String providerId, String id) {
        CircuitSnapshot key = health.credential(providerId, id).snapshot();
        return key.state() == CircuitState.OPEN ? Optional.of(open(providerId, "credential circuit open", key).reason())
                : Optional.empty();
    }

    private Unavailable open(String providerId, String what, CircuitSnapshot circuit) {
        long seconds = Math.max(1, Duration.between(now, circuit.probeAt()).toSeconds());
        return new Unavailable(what + ", next probe in " + seconds + " s", UpstreamError.circuitOpen(providerId,
                what + " after repeated failures; next probe in " + seconds + " s"));
    }
}
