package io.keyroute.routing.health;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.catalog.Target;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's live view of its upstreams: a circuit breaker per provider and per credential,
 * and recent latencies. Outlives config reloads; fed by the attempt runner, read by routing and
 * the providers API.
 */
public final class Health {
    private final BreakerSettings settings;
    private final Clock clock;
    private final CircuitEvents events;
    /** Far more credentials than are used at once; a forgotten one starts closed, as a new one does. */
    static final int MAX_CREDENTIAL_BREAKERS = 10_000;

    private final ConcurrentHashMap<String, CircuitBreaker> providers = new ConcurrentHashMap<>();
    /** Users may store any number of credentials, so their breakers are a bounded cache (the least used go first). */
    private final Cache<String, CircuitBreaker> credentials = Caffeine.newBuilder()
            .maximumSize(MAX_CREDENTIAL_BREAKERS).executor(Runnable::run).build();
    private final LatencyRecorder latency = new LatencyRecorder();
    /** One entry per configured provider at most: only configured providers are ever called. */
    private final ConcurrentHashMap<String, LastError> lastErrors = new ConcurrentHashMap<>();

    public Health(BreakerSettings settings, Clock clock) {
        this(settings, clock, CircuitEvents.NONE);
    }

    /** @param events told when a provider's circuit opens and closes (credentials' circuits are not told) */
    public Health(BreakerSettings settings, Clock clock, CircuitEvents events) {
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    public CircuitBreaker provider(String providerId) {
        return providers.computeIfAbsent(providerId, id -> new CircuitBreaker(settings, clock,
                () -> events.opened(id, lastErrors.get(id)), () -> events.closed(id)));
    }

    public CircuitBreaker credential(String providerId, String credentialId) {
        return credentials.get(providerId + ":" + credentialId, k -> new CircuitBreaker(settings, clock));
    }

    /** How many credentials have a breaker (at most {@link #MAX_CREDENTIAL_BREAKERS}). */
    long credentialBreakers() {
        credentials.cleanUp();
        return credentials.estimatedSize();
    }

    /** The provider's latest failure blamed on it or its credentials, if any since start. */
    public Optional<LastError> lastError(String providerId) {
        return Optional.ofNullable(lastErrors.get(providerId));
    }

    public LatencyRecorder latency() {
        return latency;
    }

    /** A success status arrived after {@code millis}. */
    public void succeeded(Target target, String credentialId, long millis) {
        provider(target.providerId()).onSuccess();
        credential(target.providerId(), credentialId).onSuccess();
        latency.record(target, millis);
    }

    public void failed(Target target, String credentialId, UpstreamError failure) {
        CircuitBreaker provider = provider(target.providerId());
        CircuitBreaker credential = credential(target.providerId(), credentialId);
        Blame blame = Blame.of(failure);
        if (blame != Blame.NONE) {
            lastErrors.put(target.providerId(), new LastError(clock.instant(), failure.shortForm()));
        }
        switch (blame) {
            case PROVIDER -> {
                provider.onFailure();
                credential.release();
            }
            case CREDENTIAL -> {
                credential.onFailure();
                provider.release();
            }
            case NONE -> {
                provider.onSuccess();
                credential.onSuccess();
            }
        }
    }
}
