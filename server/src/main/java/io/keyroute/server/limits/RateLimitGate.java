package io.keyroute.server.limits;

import io.keyroute.api.error.LimitExceeded;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.usage.ratelimit.BucketStore;
import io.keyroute.usage.ratelimit.ClockTimeMeter;
import io.keyroute.usage.ratelimit.LocalBucketStore;
import io.keyroute.usage.ratelimit.RateLimiter;
import io.keyroute.usage.ratelimit.RedisBucketStore;
import io.keyroute.usage.ratelimit.Taken;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Keyroute key's own requests- and tokens-per-minute limits ({@link KeyLimits#rpm()},
 * {@link KeyLimits#tpm()}): the first gate of the chain, cheap, refusing before anything is
 * reserved. A key without limits passes without a bucket lookup. When the bucket store fails
 * (Redis unreachable), requests pass unlimited and a warning is logged: an outage of the limiter
 * should not become an outage of the gateway.
 */
public final class RateLimitGate implements RequestGate, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitGate.class);
    static final String REDIS_PREFIX = "keyroute:ratelimit:";
    /** Two buckets per key with both limits: room for 50,000 busy keys in a few tens of MB. */
    static final long MAX_LOCAL_BUCKETS = 100_000;

    private final BucketStore store;
    private final RateLimiter limiter;

    public RateLimitGate(BucketStore store) {
        this.store = store;
        this.limiter = new RateLimiter(store);
    }

    /**
     * Buckets in Redis when the config names one, so the limits hold across replicas; else in this
     * process. Time comes from {@code clock}.
     */
    public static RateLimitGate forConfig(KeyrouteConfig config, Clock clock) {
        var time = new ClockTimeMeter(clock);
        return new RateLimitGate(config.redis() == null
                ? new LocalBucketStore(time, MAX_LOCAL_BUCKETS)
                : new RedisBucketStore(config.redis().url(), REDIS_PREFIX, time));
    }

    @Override
    public Admission admit(GateRequest request) {
        return admit(request, request.caller().limits().tpm());
    }

    /**
     * The key's requests-per-minute limit alone, for requests that spend no tokens (token counts, reads
     * of a response OpenAI keeps): the same buckets, so they take from the rpm the key's inference
     * requests have. Such a request need not be routed: its decision is not read.
     */
    public RequestGate requestsOnly() {
        return request -> admit(request, null);
    }

    /** @param tpm the key's tokens-per-minute limit, or null to take no tokens */
    private Admission admit(GateRequest request, Integer tpm) {
        KeyLimits limits = request.caller().limits();
        if (limits.rpm() == null && tpm == null) {
            return Admission.NONE;
        }
        Taken taken;
        try {
            taken = limiter.admit(request.caller().keyId(), limits.rpm(), tpm, tpm == null ? null : request.decision().needs());
        } catch (LimitExceeded refused) {
            throw refused;
        } catch (RuntimeException unavailable) {
            LOG.warn("rate limits unavailable, request {} passes without them: {}", request.requestId(),
                    unavailable.toString());
            return Admission.NONE;
        }
        return new TakenAdmission(taken);
    }

    @Override
    public void close() {
        store.close();
    }
}
