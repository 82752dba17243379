package io.keyroute.server.inference.attempts;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines for blocking steps that have none of their own: a write to a caller who stopped
 * reading, an upstream that trickles a byte at a time (each read within its timeout, the whole
 * never done), a request head that never ends. One timer thread looks at every armed watch each
 * tick; a watch past its deadline runs its action once: interrupting the thread it watches (a
 * virtual thread blocked in socket I/O then fails and its socket is closed) or cancelling an
 * upstream call. Deadlines are as precise as the tick.
 */
public final class Watchdog implements AutoCloseable {
    private static final long DISARMED = Long.MAX_VALUE;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keyroute-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    public Watchdog(Duration tick) {
        timer.scheduleAtFixedRate(this::sweep, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A tick fine enough for the shortest of {@code bounds}: a quarter of it, at most a second. */
    public static Duration tickFor(Duration... bounds) {
        long shortest = Duration.ofSeconds(4).toNanos();
        for (Duration bound : bounds) {
            shortest = Math.min(shortest, bound.toNanos());
        }
        return Duration.ofNanos(Math.max(shortest / 4, Duration.ofMillis(5).toNanos()));
    }

    /** A disarmed watch that interrupts the thread that arms it. */
    public Watch watch() {
        var watch = new Watch();
        watches.add(watch);
        return watch;
    }

    /** A watch armed for {@code limit} that runs {@code onExpiry} when it passes. */
    public Watch watch(Duration limit, Runnable onExpiry) {
        Watch watch = watch();
        watch.onExpiry(onExpiry);
        watch.arm(limit);
        return watch;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watch watch : watches) {
            watch.expireIfDue(now);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /**
     * One deadline, re-armed as the step it watches repeats (each write, each upstream event). Close it when done.
     * Expiry and {@link #close} exclude each other (the watch's monitor): an interrupt is sent before the
     * close, which then clears it, or never. Without that, a sweep that found the watch due could interrupt
     * its thread just after the close, and the interrupt would fail the thread's next blocking step (on a
     * connection's virtual thread, the next request's).
     */
    public final class Watch implements AutoCloseable {
        private volatile long deadline = DISARMED;
        private volatile Thread owner;
        private volatile Runnable action;
        private volatile boolean expired;
        private boolean closed; // guarded by this
        private boolean interrupted; // guarded by this

        private Watch() {
        }

        /**
         * Runs out {@code limit} from now, unless re-armed or disarmed first. Without an action of its
         * own it then interrupts the thread calling this.
         */
        public void arm(Duration limit) {
            owner = Thread.currentThread();
            deadline = System.nanoTime() + limit.toNanos();
        }

        /** The step ended in time. */
        public void disarm() {
            deadline = DISARMED;
        }

        /** What to do at expiry instead of interrupting the arming thread. */
        public void onExpiry(Runnable onExpiry) {
            this.action = onExpiry;
        }

        /** Whether the deadline passed (and its action ran): a failure of the watched step is then a timeout. */
        public boolean expired() {
            return expired;
        }

        private void expireIfDue(long now) {
            long due = deadline;
            if (due == DISARMED || now - due < 0 || expired) {
                return;
            }
            Runnable act;
            synchronized (this) {
                if (closed || expired || deadline != due) { // closed, or re-armed, since the look above
                    return;
                }
                expired = true;
                act = action;
                if (act == null && owner != null) {
                    interrupted = true;
                    owner.interrupt();
                }
            }
            watches.remove(this);
            if (act != null) {
                act.run(); // outside the monitor: cancelling a call may block, and interrupts no thread
            }
        }

        /** Stops watching; an interrupt it sent to the calling thread is cleared, so later blocking steps are not cut. */
        @Override
        public void close() {
            synchronized (this) {
                closed = true;
                deadline = DISARMED;
            }
            watches.remove(this);
            clearInterrupt();
        }

        /** Clears the interrupt this watch sent to the calling thread, once the step it cut has failed. */
        public synchronized void clearInterrupt() {
            if (interrupted && owner == Thread.currentThread()) {
                Thread.interrupted();
            }
        }
    }
}
