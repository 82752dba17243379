package io.keyroute.testkit.sse;

import io.helidon.common.GenericType;
import io.helidon.webserver.http.spi.Sink;
import io.helidon.webserver.http.spi.SinkProviderContext;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes SSE events to a response body, flushing each one as it is written, and turns any write
 * failure into {@link ClientGone} (the peer closed the connection). Obtain one with
 * {@code res.sink(SseWriter.TYPE)} after setting status and headers.
 */
public final class SseWriter implements Sink<byte[]> {

    public static final GenericType<SseWriter> TYPE = GenericType.create(SseWriter.class);

    /** The client went away; the stream cannot continue. */
    public static final class ClientGone extends Exception {
        ClientGone(Throwable cause) {
            super("client went away", cause, false, false);
        }
    }

    private final SinkProviderContext context;
    private final OutputStream out;
    private StreamControl control;

    SseWriter(SinkProviderContext context) {
        this.context = context;
        this.out = context.serverResponse().outputStream();
    }

    public SseWriter countingInto(StreamControl control) {
        this.control = control;
        return this;
    }

    /** Sends the status line and headers before any event. */
    public void commitHeaders() throws ClientGone {
        try {
            context.flushHeaders();
        } catch (RuntimeException e) {
            throw new ClientGone(e);
        }
    }

    /** Writes and flushes one event; it is counted as sent before the write starts. */
    public void event(byte[] event) throws ClientGone {
        if (control != null) {
            control.eventSent();
        }
        try {
            out.write(event);
            out.flush();
        } catch (IOException | RuntimeException e) {
            throw new ClientGone(e);
        }
    }

    /** {@link #close()}, a failure meaning the client went away. */
    public void finish() throws ClientGone {
        try {
            close();
        } catch (RuntimeException e) {
            throw new ClientGone(e);
        }
    }

    @Override
    public Sink<byte[]> emit(byte[] event) {
        try {
            event(event);
        } catch (ClientGone e) {
            throw new java.io.UncheckedIOException(new IOException(e.getMessage(), e.getCause()));
        }
        return this;
    }

    /** Ends the body normally (chunked terminator) and completes the response. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            context.closeRunnable().run();
        }
    }
}
