package io.keyroute.providers.mock;

import io.keyroute.providers.http.UpstreamExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An in-memory upstream answer; a streamed one releases its events one by one, with a delay. Like a
 * real connection, {@link #cancel()} makes every later read of the body fail.
 */
final class MockExchange implements UpstreamExchange {
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;
    private volatile boolean cancelled;

    private MockExchange(int status, Map<String, String> headers, List<byte[]> parts, Duration delay) {
        this.status = status;
        this.headers = headers;
        this.body = new EventStream(parts, delay, () -> cancelled);
    }

    static MockExchange complete(int status, byte[] body, Map<String, String> headers) {
        return new MockExchange(status, headers, List.of(body), Duration.ZERO);
    }

    static MockExchange streaming(List<byte[]> events, Duration delay) {
        return new MockExchange(200, Map.of("content-type", "text/event-stream"), events, delay);
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void close() {
        cancelled = true;
    }

    /**
     * Hands out at most one event per read, waiting {@code delay} before every event but the first;
     * fails once the exchange is cancelled.
     */
    private static final class EventStream extends InputStream {
        private final List<byte[]> events;
        private final Duration delay;
        private final java.util.function.BooleanSupplier cancelled;
        private int next;
        private byte[] current = new byte[0];
        private int position;

        EventStream(List<byte[]> events, Duration delay, java.util.function.BooleanSupplier cancelled) {
            this.events = events;
            this.delay = delay;
            this.cancelled = cancelled;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (cancelled.getAsBoolean()) {
                throw new IOException("stream cancelled");
            }
            if (len == 0) {
                return 0;
            }
            while (position == current.length) {
                if (next == events.size()) {
                    return -1;
                }
                if (next > 0 && !delay.isZero()) {
                    MockTransport.sleep(delay);
                }
                if (cancelled.getAsBoolean()) {
                    throw new IOException("stream cancelled");
                }
                current = events.get(next++);
                position = 0;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    }
}
