package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
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

    private RequestRecord awaitRecord() throws InterruptedException {
        List<RequestRecord> records = keyroute.awaitRecords(1);
        assertThat(records).as("the request finished").hasSize(1);
        return records.getFirst();
    }

    private RawSseClient stream() throws Exception {
        return new RawSseClient(keyroute.gateway.port(), "/v1/chat/completions", TestGateway.KEYROUTE_KEY, STREAM_BODY);
    }

    @Test
    void eachEventReachesTheClientBeforeTheUpstreamSendsTheNext() throws Exception {
        start(10_000, 1, Duration.ofSeconds(30));
        upstream.enqueue(Reply.text("one two three").gated());
        // The upstream holds every event until released: event k can only arrive if Keyroute
        // forwarded it without waiting for event k+1.
        upstream.releaseNextChunk();
        try (var client = stream()) {
            assertThat(client.status).isEqualTo(200);
            List<String> received = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                received.add(client.nextData());
                assertThat(upstream.eventsSent()).isEqualTo(k);
                upstream.releaseNextChunk();
            }
            assertThat(received.get(0)).contains("\"role\":\"assistant\"");
            assertThat(received.get(1)).contains("\"content\":\"one\"");
            upstream.releaseChunks(100);
            String last = null;
            for (String data = client.nextData(); data != null && !data.equals("[DONE]"); data = client.nextData()) {
                last = data;
            }
            assertThat(last).contains("\"finish_reason\":\"stop\"");
        }
    }

    @Test
    void clientDisconnectCancelsTheUpstreamStream() throws Exception {
        start(10_000, 1, Duration.ofMillis(100));
        upstream.enqueue(Reply.text("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10").gated());
        upstream.releaseNextChunk();
        try (var client = stream()) {
            assertThat(client.nextData()).contains("assistant");
        }
        // Nothing more is released, so the relay sits blocked reading the upstream: only a failing
        // heartbeat can tell it the client left, and only cancelling the upstream call unblocks it.
        RequestRecord record = awaitRecord();
        assertThat(record.outcome()).isEqualTo("cancelled");
        upstream.releaseChunks(100);
        assertThat(upstream.awaitCancelledStreams(1, Duration.ofSeconds(10))).as("upstream connection closed").isTrue();
        assertThat(upstream.completedStreams()).isZero();
    }

    @Test
    void silentUpstreamGetsHeartbeatCommentsUntilTheFirstToken() throws Exception {
        start(10_000, 1, Duration.ofMillis(100));
        upstream.enqueue(Reply.text("late reply").firstChunkDelay(Duration.ofMillis(800)));
        try (var client = stream()) {
            assertThat(client.nextSseLine()).isEqualTo(": keepalive");
            assertThat(client.nextData()).contains("assistant");
        }
    }

    @Test
    void failureBeforeTheFirstByteFailsOverAndTheClientNeverSeesIt() throws Exception {
        start(10_000, 2, Duration.ofSeconds(30));
        upstream.enqueue(Reply.text("broken").cutAfterChunks(0));
        var response = keyroute.post("/chat/completions", STREAM_BODY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"content\":\"Echo:\"").endsWith("data: [DONE]\n\n");
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
        assertThat(awaitRecord().outcome()).isEqualTo("cut");
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
