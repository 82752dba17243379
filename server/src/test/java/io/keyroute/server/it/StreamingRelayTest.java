package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.FakeOpenAi;
import io.keyroute.testkit.Reply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SSE relay behaviour seen from a raw HTTP client: no buffering, cancellation, heartbeats, errors. */
class StreamingRelayTest {
    private static final String STREAM_BODY =
            "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b c\"}]}";

    private FakeOpenAi upstream;
    private TestGateway keyroute;

    @AfterEach
    void stop() {
        if (keyroute != null) {
            keyroute.close();
        }
        upstream.close();
    }

    private void start(long timeoutMs, int maxAttempts, Duration heartbeat) {
        upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
        keyroute = TestGateway.inFrontOf(upstream.baseUrl(), timeoutMs, maxAttempts, heartbeat);
    }

    /** The next {@code data:} line, skipping blank lines and comments. */
    private static String nextData(BufferedReader reader) throws Exception {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        return null;
    }

    @Test
    void eachEventReachesTheClientBeforeTheUpstreamSendsTheNext() throws Exception {
        start(10_000, 1, Duration.ofSeconds(30));
        upstream.enqueue(Reply.text("one two three").gated());
        var response = keyroute.postStreaming("/chat/completions", STREAM_BODY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));

        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<String> received = new ArrayList<>();
            // The upstream holds every event until released: event k can only arrive if Keyroute
            // forwarded it without waiting for event k+1.
            for (int k = 1; k <= 3; k++) {
                upstream.releaseNextChunk();
                received.add(nextData(reader));
                assertThat(upstream.eventsSent()).isEqualTo(k);
            }
            assertThat(received.get(0)).contains("\"role\":\"assistant\"");
            assertThat(received.get(1)).contains("\"content\":\"Echo:\"");
            upstream.releaseChunks(100);
            String last = null;
            for (String data = nextData(reader); data != null; data = nextData(reader)) {
                last = data;
            }
            assertThat(last).isEqualTo("[DONE]");
        }
    }

    @Test
    void clientDisconnectCancelsTheUpstreamStream() throws Exception {
        start(10_000, 1, Duration.ofMillis(100));
        upstream.enqueue(Reply.text("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10").gated());
        var response = keyroute.postStreaming("/chat/completions", STREAM_BODY);
        upstream.releaseNextChunk();
        var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(nextData(reader)).contains("assistant");
        response.body().close();

        // Nothing more is released: only Keyroute noticing the client left (via a heartbeat) can end the upstream call.
        assertThat(upstream.awaitCancelledStreams(1, Duration.ofSeconds(10))).isTrue();
        assertThat(keyroute.records).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo("cancelled"));
    }

    @Test
    void silentUpstreamGetsHeartbeatCommentsUntilTheFirstToken() throws Exception {
        start(10_000, 1, Duration.ofMillis(100));
        upstream.enqueue(Reply.text("late reply").firstChunkDelay(Duration.ofMillis(800)));
        var response = keyroute.postStreaming("/chat/completions", STREAM_BODY);
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = reader.readLine();
            assertThat(first).isEqualTo(": keepalive");
            assertThat(nextData(reader)).contains("assistant");
        }
    }

    @Test
    void failureBeforeTheFirstByteFailsOverAndTheClientNeverSeesIt() throws Exception {
        start(10_000, 2, Duration.ofSeconds(30));
        upstream.enqueue(Reply.text("broken").cutAfterChunks(0));
        var response = keyroute.post("/chat/completions", STREAM_BODY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Echo: a b c".split(" ")[0]).endsWith("data: [DONE]\n\n");
        assertThat(response.headers().firstValue("x-keyroute-attempts")).hasValue("2");
    }

    @Test
    void failureAfterTheFirstByteEndsWithAnSseErrorEvent() throws Exception {
        start(10_000, 3, Duration.ofSeconds(30));
        upstream.enqueue(Reply.text("one two three four").cutAfterChunks(2));
        var response = keyroute.post("/chat/completions", STREAM_BODY);
        assertThat(response.statusCode()).isEqualTo(200);
        String[] events = response.body().split("\n\n");
        assertThat(events).hasSize(3);
        assertThat(events[2]).startsWith("data: {\"error\":").contains("\"type\":\"api_error\"");
        assertThat(upstream.requestCount()).as("no failover once bytes went out").isEqualTo(1);
        assertThat(keyroute.records).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo("cut"));
    }

    @Test
    void upstreamSilentPastItsTimeoutIs504() throws Exception {
        start(300, 1, Duration.ofSeconds(30));
        upstream.enqueue(Reply.text("too late").headersDelay(Duration.ofSeconds(3)));
        var response = keyroute.post("/chat/completions",
                "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("\"code\":\"upstream_timeout\"").contains("300 ms");
    }
}
