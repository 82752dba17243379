package io.keyroute.providers.http;

import java.io.InputStream;

/** An upstream answer whose status and headers are in and whose body is still on the wire. */
public interface UpstreamExchange extends AutoCloseable {
    int status();

    /** A response header's value, or null. */
    String header(String name);

    /** The body, read as it arrives. */
    InputStream body();

    /**
     * Aborts the call and releases its connection without reading the rest; safe to call from
     * another thread while one is blocked reading {@link #body()}, which then fails.
     */
    void cancel();

    /** Releases the connection (for reuse when the body was read to its end). */
    @Override
    void close();
}
