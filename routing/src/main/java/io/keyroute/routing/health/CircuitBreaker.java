package io.keyroute.routing.health;

import java.time.Clock;
import java.time.Instant;

/**
 * One circuit: opens after N consecutive failures or when the recent error rate crosses a
 * threshold; after a wait it lets a few probes through (half-open), and closes on a probe's
 * success or re-opens on its failure. Time comes from the injected clock, so tests move it
 * instead of sleeping. Thread-safe.
 */
public final class CircuitBreaker {
    private final BreakerSettings settings;
    private final Clock clock;
    private final Runnable onOpen;
    private final Runnable onClose;
    private final boolean[] outcomes;
    private int recorded;
    private int next;
    private int consecutiveFailures;
    private CircuitState state = CircuitState.CLOSED;
    private Instant openedAt;
    private int probesInFlight;
    private Instant probeStartedAt;

    public CircuitBreaker(BreakerSettings settings, Clock clock) {
        this(settings, clock, () -> { }, () -> { });
    }

    /**
     * @param onOpen  run (under the lock, so it must only take note) when the circuit opens from closed
     * @param onClose run likewise when a probe's success closes it again
     */
    public CircuitBreaker(BreakerSettings settings, Clock clock, Runnable onOpen, Runnable onClose) {
        this.settings = settings;
        this.clock = clock;
        this.onOpen = onOpen;
        this.onClose = onClose;
        this.outcomes = new boolean[settings.window()];
    }

    /** The state as of now: an open circuit whose wait is over reads as half-open. Does not take a probe. */
    public synchronized CircuitSnapshot snapshot() {
        CircuitState now = current();
        return new CircuitSnapshot(now, errorRate(), recorded, consecutiveFailures,
                now == CircuitState.OPEN ? openedAt.plus(settings.openFor()) : null);
    }

    /** Whether a call may go now; in half-open this takes one of the probe slots. */
    public synchronized boolean tryAcquire() {
        CircuitState now = current();
        if (now == CircuitState.OPEN) {
            return false;
        }
        if (now == CircuitState.HALF_OPEN) {
            state = CircuitState.HALF_OPEN;
            Instant at = clock.instant();
            // A probe that never reported back (its caller died) must not hold the circuit half-open for good.
            if (probesInFlight >= settings.probes() && at.isBefore(probeStartedAt.plus(settings.openFor()))) {
                return false;
            }
            probesInFlight = probesInFlight >= settings.probes() ? 1 : probesInFlight + 1;
            probeStartedAt = at;
        }
        return true;
    }

    public synchronized void onSuccess() {
        if (current() == CircuitState.HALF_OPEN) {
            reset();
            return;
        }
        consecutiveFailures = 0;
        record(false);
    }

    public synchronized void onFailure() {
        if (current() == CircuitState.HALF_OPEN) {
            open();
            return;
        }
        consecutiveFailures++;
        record(true);
        if (consecutiveFailures >= settings.consecutiveFailures()
                || recorded >= settings.minCalls() && errorRate() >= settings.errorRate()) {
            open();
        }
    }

    /** A call that took a probe slot but ended without a verdict on the upstream (e.g. the caller's own error). */
    public synchronized void release() {
        if (probesInFlight > 0) {
            probesInFlight--;
        }
    }

    private CircuitState current() {
        if (state == CircuitState.OPEN && !clock.instant().isBefore(openedAt.plus(settings.openFor()))) {
            return CircuitState.HALF_OPEN;
        }
        return state;
    }

    private void open() {
        if (state == CircuitState.CLOSED) {
            onOpen.run();
        }
        state = CircuitState.OPEN;
        openedAt = clock.instant();
        probesInFlight = 0;
    }

    private void reset() {
        state = CircuitState.CLOSED;
        onClose.run();
        consecutiveFailures = 0;
        recorded = 0;
        next = 0;
        probesInFlight = 0;
    }

    private void record(boolean failed) {
        outcomes[next] = failed;
        next = (next + 1) % outcomes.length;
        recorded = Math.min(recorded + 1, outcomes.length);
    }

    private double errorRate() {
        if (recorded == 0) {
            return 0;
        }
        int failures = 0;
        for (int i = 0; i < recorded; i++) {
            if (outcomes[i]) {
                failures++;
            }
        }
        return (double) failures / recorded;
    }
}
