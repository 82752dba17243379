package io.keyroute.server.management;

import io.helidon.webserver.http.ServerRequest;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.usage.ratelimit.ClockTimeMeter;
import io.keyroute.usage.ratelimit.LocalBucketStore;
import io.keyroute.usage.ratelimit.RateLimiter;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Who calls an {@code /api/v1} endpoint (management, catalog, pricing, route explain): the admin token
 * or a Keyroute key, each held to {@code server.management_rpm} calls a minute (429 {@code rate_limited}
 * with Retry-After). These calls are not metered like inference and some cost real CPU (a tokenizer pass
 * over a 1 MiB body, a usage query), so one key looping on them could take a core. The buckets are this
 * process's: what they guard is this process's CPU.
 */
public final class ManagementCallers {
    /** One bucket per calling key; the least recently used beyond this start full again. */
    private static final long MAX_BUCKETS = 100_000;

    private final CallerAuth auth;
    private final Supplier<GatewayRuntime> runtimes;
    private final RateLimiter limiter;

    public ManagementCallers(CallerAuth auth, Supplier<GatewayRuntime> runtimes, Clock clock) {
        this.auth = auth;
        this.runtimes = runtimes;
        this.limiter = new RateLimiter(new LocalBucketStore(new ClockTimeMeter(clock), MAX_BUCKETS));
    }

    /** The authenticated caller, once this call is within its key's rate. */
    Caller caller(ServerRequest req) {
        Caller caller = auth.requireAny(req);
        limiter.admit("management:" + caller.keyId(), runtimes.get().config().server().managementRpm(), null, null);
        return caller;
    }
}
