package io.keyroute.testkit;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The gate of gated replies and the stream counters tests wait on. Thread-safe. */
final class StreamControl {

    private final Semaphore gate = new Semaphore(0);
    private final Object lock = new Object();
    private long eventsSent;
    private long cancelled;
    private long completed;
    private volatile boolean closed;

    /** Blocks until a permit is released (or the fake closes); false if interrupted or closed. */
    boolean awaitGate() {
        try {
            gate.acquire();
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void release(int permits) {
        gate.release(permits);
    }

    void close() {
        closed = true;
        gate.release(Integer.MAX_VALUE / 2);
    }

    void eventSent() {
        synchronized (lock) {
            eventsSent++;
            lock.notifyAll();
        }
    }

    void cancelled() {
        synchronized (lock) {
            cancelled++;
            lock.notifyAll();
        }
    }

    void completed() {
        synchronized (lock) {
            completed++;
            lock.notifyAll();
        }
    }

    long eventsSent() {
        synchronized (lock) {
            return eventsSent;
        }
    }

    long cancelledStreams() {
        synchronized (lock) {
            return cancelled;
        }
    }

    long completedStreams() {
        synchronized (lock) {
            return completed;
        }
    }

    void reset() {
        synchronized (lock) {
            eventsSent = 0;
            cancelled = 0;
            completed = 0;
        }
        gate.drainPermits();
    }

    /** Waits until {@code counter} reaches {@code atLeast}; true if it did within {@code timeout}. */
    boolean await(LongSupplier counter, long atLeast, Duration timeout) {
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
