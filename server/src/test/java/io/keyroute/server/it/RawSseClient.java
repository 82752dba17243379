package io.keyroute.server.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A streaming request over a plain socket: reads the answer line by line as it arrives, and can
 * hang up mid-stream for real (closing a JDK HttpClient body does not close its connection).
 */
final class RawSseClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader reader;
    final int status;

    RawSseClient(int port, String path, String key, String body) throws IOException {
        socket = new Socket("127.0.0.1", port);
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
        reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        status = Integer.parseInt(reader.readLine().split(" ")[1]);
        for (String header = reader.readLine(); header != null && !header.isEmpty(); header = reader.readLine()) {
            // headers are not needed by the tests that use this client
        }
    }

    /** The next line of the (chunked) body that is an SSE line: {@code data: …} or a {@code :} comment. */
    String nextSseLine() throws IOException {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("data: ") || line.startsWith(":")) {
                return line;
            }
        }
        return null;
    }

    /** The payload of the next {@code data:} line, skipping comments. */
    String nextData() throws IOException {
        for (String line = nextSseLine(); line != null; line = nextSseLine()) {
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
