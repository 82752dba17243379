package io.keyroute.server.boot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * What a start-up has opened so far, closed newest first: the same close path on a start-up
 * failure and at shutdown, so no resource needs its own. Every resource is closed even when an
 * earlier one fails to; the first failure is thrown, later ones suppressed in it.
 */
public final class Resources implements AutoCloseable {
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Takes {@code resource} to close, before everything added earlier; returns it. */
    public synchronized <T extends AutoCloseable> T add(T resource) {
        opened.push(Objects.requireNonNull(resource, "resource"));
        return resource;
    }

    /** Closes everything added, newest first. A second call closes nothing again. */
    @Override
    public void close() {
        Exception failure = null;
        for (AutoCloseable next = next(); next != null; next = next()) {
            try {
                next.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt(); // the rest still close; the caller sees the interrupt
                }
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure != null) {
            throw new IllegalStateException("closing failed: " + failure.getMessage(), failure);
        }
    }

    private synchronized AutoCloseable next() {
        return opened.poll();
    }
}
