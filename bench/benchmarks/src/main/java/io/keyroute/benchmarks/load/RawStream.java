package io.keyroute.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 POST on a connection of its own ({@code Connection: close}), its answer read as it
 * arrives: the status, then the body a server-sent event or a JSON document at a time. A socket and a
 * small buffer per request, so a virtual thread each can hold ten thousand of them; {@link #close}
 * mid-answer is a caller going away.
 */
final class RawStream implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final boolean chunked;
    /** Bytes of a body with a Content-Length still to come; -1 when the body ends with the connection. */
    private long lengthLeft;
    private int chunkLeft;
    private boolean ended;

    private RawStream(Socket socket, InputStream in, int status, boolean chunked, long length) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.chunked = chunked;
        this.lengthLeft = length;
    }

    /** Connects, sends the request and reads the answer's head; {@code readTimeout} bounds each read after. */
    static RawStream post(InetSocketAddress to, String path, String bearer, byte[] body, Duration readTimeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(to, (int) readTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + to.getHostString() + ":" + to.getPort()
                    + "\r\nAuthorization: Bearer " + bearer + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 2048);
            String statusLine = line(in);
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("no HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            boolean chunked = false;
            long length = -1;
            for (String h; (h = line(in)) != null && !h.isEmpty(); ) {
                String lower = h.toLowerCase(Locale.ROOT);
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                }
            }
            return new RawStream(socket, in, status, chunked, length);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    int status() {
        return status;
    }

    /** The next event's {@code data:} text, or null once the body has ended (comments and blank lines skipped). */
    String nextEvent() throws IOException {
        StringBuilder data = null;
        for (String line; (line = bodyLine()) != null; ) {
            if (line.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
            } else if (line.startsWith("data:")) {
                String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return data == null ? null : data.toString();
    }

    /** The rest of the body as text. */
    String rest() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int b; (b = bodyByte()) >= 0; ) {
            all.write(b);
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String bodyLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b; (b = bodyByte()) >= 0; ) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** One byte of the body, chunked encoding undone; -1 at its end. A body cut short is an IOException. */
    private int bodyByte() throws IOException {
        if (ended) {
            return -1;
        }
        if (!chunked) {
            if (lengthLeft == 0) {
                ended = true;
                return -1;
            }
            int b = in.read();
            if (b < 0 && lengthLeft > 0) {
                throw new EOFException("the body broke off before its Content-Length");
            }
            lengthLeft--;
            ended = b < 0;
            return b;
        }
        if (chunkLeft == 0) {
            String size = line(in);
            if (size != null && size.isEmpty()) { // the CRLF after the previous chunk's data
                size = line(in);
            }
            if (size == null) {
                throw new EOFException("the body broke off between chunks");
            }
            int semicolon = size.indexOf(';');
            chunkLeft = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (chunkLeft == 0) {
                ended = true;
                return -1;
            }
        }
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the body broke off inside a chunk");
        }
        chunkLeft--;
        return b;
    }

    /** A CRLF- (or LF-) ended line of the head, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                return s.toString();
            }
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.isEmpty() ? null : s.toString();
    }
}
