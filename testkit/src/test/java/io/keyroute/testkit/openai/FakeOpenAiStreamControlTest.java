package io.keyroute.testkit.openai;

import io.keyroute.testkit.replies.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeOpenAiStreamControlTest {

    static final String KEY = "sk-test";
    static final String STREAM = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final Duration WAIT = Duration.ofSeconds(5);

    FakeOpenAi fake;

    @BeforeEach
    void start() {
        fake = FakeOpenAi.start(KEY);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void gatedStreamDeliversEachEventBeforeTheNextIsEvenSent() throws Exception {
        fake.enqueue(Reply.text("a b c").gated());
        // Headers are sent at once; every event then waits for a release.
        HttpResponse<InputStream> res = Http.open(Http.post(fake, "/chat/completions", KEY, STREAM));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(fake.eventsSent()).isZero();

        List<String> received = new ArrayList<>();
        try (Http.SseReader reader = new Http.SseReader(res.body())) {
            for (int k = 1; k <= 6; k++) {
                fake.releaseNextChunk();
                received.add(reader.next());
                // Event k reached the client while only k permits existed: event k+1 cannot have been sent.
                assertThat(fake.eventsSent()).isEqualTo(k);
            }
            assertThat(reader.next()).isNull();
        }
        assertThat(received.get(1)).contains("\"content\":\"a\"");
        assertThat(received.get(3)).contains("\"content\":\" c\"");
        assertThat(received.get(4)).contains("\"finish_reason\":\"stop\"");
        assertThat(received.get(5)).isEqualTo("[DONE]");
        assertThat(fake.awaitCompletedStreams(1, WAIT)).isTrue();
    }

    @Test
    void cutStreamEndsAbruptlyWithoutFinishOrDone() throws Exception {
        fake.enqueue(Reply.text("one two three four").cutAfterChunks(2));
        // Read the raw bytes: an HTTP client may drop buffered events when it sees the broken body.
        String raw;
        try (Socket socket = rawRequest(STREAM)) {
            raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // until the fake closes
        }
        assertThat(raw).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("transfer-encoding: chunked");
        assertThat(raw.split("data: ", -1)).hasSize(3); // two events
        assertThat(raw).contains("\"content\":\"one\"").doesNotContain("finish_reason\":\"stop").doesNotContain("[DONE]");
        assertThat(raw).doesNotEndWith("0\r\n\r\n"); // no chunked terminator: the body is visibly broken
        assertThat(fake.completedStreams()).isZero();
    }

    @Test
    void cutNonStreamingRequestGetsNoResponse() {
        fake.enqueue(Reply.text("x").cutAfterChunks(0));
        assertThatThrownBy(() -> Http.send(Http.post(fake, "/chat/completions", KEY,
                STREAM.replace("\"stream\":true,", "")))).isInstanceOf(IOException.class);
    }

    @Test
    void midStreamErrorEventEndsTheStreamWithoutDone() throws Exception {
        fake.enqueue(Reply.text("one two").errorAfterChunks(2, "The server had an error while processing your request."));
        List<String> events = Http.events(Http.open(Http.post(fake, "/chat/completions", KEY, STREAM)).body());
        assertThat(events).hasSize(3);
        assertThat(events.get(2)).isEqualTo("{\"error\":{\"message\":\"The server had an error while processing your "
                + "request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    }

    @Test
    void headersDelayTriggersAClientTimeout() {
        fake.enqueue(Reply.text("late").headersDelay(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> Http.send(Http.post(fake, "/chat/completions", KEY, STREAM)
                .timeout(Duration.ofMillis(200)))).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void clientDisconnectDuringAStreamIsCounted() throws Exception {
        fake.enqueue(Reply.text("w ".repeat(50)).gated());
        try (Socket socket = rawRequest(STREAM)) {
            fake.releaseNextChunk();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
                // status line, headers, chunk size
            }
            assertThat(line).contains("\"role\":\"assistant\"");
        } // the client goes away mid-stream
        assertThat(fake.cancelledStreams()).isZero();

        fake.releaseChunks(100); // the next writes find the peer gone
        assertThat(fake.awaitCancelledStreams(1, WAIT)).isTrue();
        assertThat(fake.completedStreams()).isZero();
    }

    @Test
    void chunkDelaySpacesEvents() throws Exception {
        fake.enqueue(Reply.text("a b c").chunkDelay(Duration.ofMillis(30)));
        long start = System.nanoTime();
        List<String> events = Http.events(Http.open(Http.post(fake, "/chat/completions", KEY, STREAM)).body());
        assertThat(events).hasSize(6);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    private Socket rawRequest(String body) throws IOException {
        Socket socket = new Socket("127.0.0.1", fake.port());
        socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + KEY + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        return socket;
    }
}
