package io.keyroute.server.limits;

import io.helidon.webserver.http.ServerRequest;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.error.LimitExceeded;
import io.keyroute.server.http.exchange.RequestBodies;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What inference requests in flight may hold at once: slots (in all, and per Keyroute key) and
 * request body bytes in memory. A request that would pass a bound is refused rather than queued: a
 * key past its own slots with 429 {@code too_many_requests} (that caller's limit), past the
 * gateway's slots or body bytes, or while the heap is nearly full after collections
 * ({@link MemoryPressure}), with 503 {@code overloaded} (the gateway's own state, which load
 * balancers and SDKs read as "try another replica, or later"): a key holding many slow requests,
 * or many large bodies arriving together, cannot take the heap or the gateway from everyone else. Once
 * {@link #drain() draining}, every new request is refused with 503, and {@link #awaitIdle} waits
 * for those in flight.
 */
public final class InFlightLimits {
    /** Bodies up to this size take no share of the body budget: {@code maxInFlight} of them are few bytes. */
    static final int SMALL_BODY = 64 * 1024;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxInFlight;
    private final int maxPerKey;
    private final long maxBodyBytes;
    private final MemoryPressure memory;
    /** Requests in flight per key; a key leaves the map when its last one ends, so it holds only keys in flight. */
    private final ConcurrentHashMap<String, Integer> perKey = new ConcurrentHashMap<>();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final Object idle = new Object();
    private int inFlight; // guarded by idle
    private volatile boolean draining;

    public InFlightLimits(int maxInFlight, int maxPerKey, long maxBodyBytes, MemoryPressure memory) {
        this.maxInFlight = maxInFlight;
        this.maxPerKey = maxPerKey;
        this.maxBodyBytes = maxBodyBytes;
        this.memory = memory;
    }

    /** A pass for one request: it takes slots and body bytes as the request goes, and gives them all back on close. */
    public Pass open() {
        return new Pass();
    }

    /** From now on new requests are refused with 503; those in flight go on. */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Waits until no request is in flight or {@code timeout} has passed; true if none is left. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    public int inFlight() {
        synchronized (idle) {
            return inFlight;
        }
    }

    /** One request's share. Not thread-safe: one request's handler uses it. */
    public final class Pass implements AutoCloseable {
        private boolean counted;
        private String key;
        private long bytes;

        /**
         * Admits the request of {@code keyId}: a slot in all and one of the key's.
         *
         * @throws LimitExceeded 429 {@code too_many_requests} when the key's are full; 503
         *                       {@code overloaded} when the gateway's are, or memory is short; 503
         *                       {@code shutting_down} when draining
         */
        public void enter(String keyId) {
            synchronized (idle) {
                if (draining) {
                    throw new LimitExceeded(ErrorType.UNAVAILABLE, "shutting_down",
                            "This gateway is shutting down and takes no new requests; retry shortly.", RETRY_AFTER);
                }
                if (inFlight >= maxInFlight) {
                    throw overloaded("The gateway is serving " + maxInFlight + " requests at once, its limit.");
                }
                if (memory.shedding()) {
                    throw overloaded("The gateway's memory is nearly full.");
                }
                inFlight++;
                counted = true;
            }
            var full = new boolean[1];
            perKey.compute(keyId, (k, n) -> {
                int now = n == null ? 0 : n;
                full[0] = now >= maxPerKey;
                return full[0] ? n : now + 1;
            });
            if (full[0]) {
                throw tooMany("This key has " + maxPerKey + " requests in flight, its limit.");
            }
            key = keyId;
        }

        /** Reads the body whole, taking its bytes from the budget first (429 when they do not fit). */
        public byte[] body(ServerRequest req, long limit) {
            return RequestBodies.read(req, limit, this::take);
        }

        /** A body already read whole (a WebSocket message, bounded as it arrived), its bytes taken from the budget. */
        public byte[] body(byte[] read) {
            take(read.length);
            return read;
        }

        /** {@code more} bytes of body about to be held: what passes {@link #SMALL_BODY} comes from the budget. */
        private void take(long more) {
            long needed = budgeted(bytes + more) - budgeted(bytes);
            if (needed > 0 && bodyBytes.addAndGet(needed) > maxBodyBytes) {
                bodyBytes.addAndGet(-needed);
                throw overloaded("Request bodies in flight hold " + maxBodyBytes + " bytes of memory, the limit.");
            }
            bytes += more;
        }

        @Override
        public void close() {
            bodyBytes.addAndGet(-budgeted(bytes));
            bytes = 0;
            if (key != null) {
                release(key);
                key = null;
            }
            if (counted) {
                counted = false;
                synchronized (idle) {
                    inFlight--;
                    if (draining) {
                        idle.notifyAll();
                    }
                }
            }
        }
    }

    private void release(String keyId) {
        perKey.computeIfPresent(keyId, (k, n) -> n == 1 ? null : n - 1);
    }

    private static long budgeted(long bodyBytes) {
        return Math.max(0, bodyBytes - SMALL_BODY);
    }

    private static LimitExceeded tooMany(String why) {
        return new LimitExceeded("too_many_requests", why + " Retry shortly.", RETRY_AFTER);
    }

    private static LimitExceeded overloaded(String why) {
        return new LimitExceeded(ErrorType.UNAVAILABLE, "overloaded", why + " Retry shortly.", RETRY_AFTER);
    }
}
