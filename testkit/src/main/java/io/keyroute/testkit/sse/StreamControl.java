package io.keyroute.testkit.sse;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The gate of gated replies and the stream counters tests wait on. Thread-safe. */
public final class StreamControl {

    private final Semaphore gate = new Semaphore(0);
    private final Object lock = new Object();
    private long eventsSent;
    private long cancelled;
    private long completed;
    private volatile boolean closed;

    /** Blocks until a permit is released (or the fake closes); false if interrupted or closed. */
    public boolean awaitGate() {
        try {
            gate.acquire();
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void release(int permits) {
        gate.release(permits);
    }

    public void close() {
        closed = true;
        gate.release(Integer.MAX_VALUE / 2);
    }

    public void eventSent() {
        synchronized (lock) {
            eventsSent++;
            lock.notifyAll();
        }
    }

    public void cancelled() {
        synchronized (lock) {
            cancelled++;
            lock.notifyAll();
        }
    }

    public void completed() {
        synchronized (lock) {
            completed++;
            lock.notifyAll();
        }
    }

    public long eventsSent() {
        synchronized (lock) {
            return eventsSent;
        }
    }

    public long cancelledStreams() {
        synchronized (lock) {
            return cancelled;
        }
    }

    public long completedStreams() {
        synchronized (lock) {
            return completed;
        }
    }

    public void reset() {
        synchronized (lock) {
            eventsSent = 0;
            cancelled = 0;
            completed = 0;
        }
        gate.drainPermits();
    }

    /** Waits until {@code counter} reaches {@code atLeast}; true if it did within {@code timeout}. */
    public boolean await(LongSupplier counter, long atLeast, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (counter.getAsLong() < atLeast) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
