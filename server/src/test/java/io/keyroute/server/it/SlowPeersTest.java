package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 11: slow peers on real sockets, with short configured bounds. A connection that does
 * not send a whole request head in time is closed; a caller who stops reading is cut by the write
 * timeout; an upstream that trickles bytes is cut by the attempt's deadline (non-streamed: the
 * provider's timeout in all; streamed: that timeout between events, and {@code stream_max_ms} in all).
 * The slow peers here pause between bytes; nothing asserts on elapsed time.
 */
class SlowPeersTest {
    private static final long HEAD_MS = 2_000;
    private static final long WRITE_MS = 500;
    private static final long STREAM_MAX_MS = 1_500;
    private static final long PROVIDER_TIMEOUT_MS = 600;
    private static final String CHUNK = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}";

    private WebServer trickler;
    private FakeOpenAi fake;
    private TestGateway keyroute;

    @AfterEach
    void stop() {
        if (keyroute != null) {
            keyroute.close();
        }
        if (fake != null) {
            fake.close();
        }
        if (trickler != null) {
            trickler.stop();
        }
    }

    private void gatewayInFrontOf(String baseUrl) {
        gatewayInFrontOf(baseUrl, PROVIDER_TIMEOUT_MS);
    }

    private void gatewayInFrontOf(String baseUrl, long providerTimeoutMs) {
        var config = new KeyrouteConfig(
                new ServerSettings("127.0.0.1", 0, 64L * 1024, 30_000L, 64, null, null, null, null, HEAD_MS, WRITE_MS,
                        STREAM_MAX_MS, null),
                null, null,
                List.of(new ProviderSettings("openai", "openai", baseUrl, TestGateway.UPSTREAM_KEY, providerTimeoutMs,
                        2_000L, Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), null, null);
        keyroute = TestGateway.with(config, Caller.unrestricted("key_test", "user_test"));
    }

    private static String chat(boolean stream) {
        return "{\"model\":\"openai/gpt-4o-mini\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    // ---- the request head -------------------------------------------------------------------

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        fake = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        gatewayInFrontOf(fake.baseUrl());
        try (Socket socket = connect()) {
            assertThat(readUntilClosed(socket.getInputStream())).isEmpty();
        }
        assertThat(keyroute.post("/chat/completions", chat(false)).statusCode()).isEqualTo(200);
    }

    @Test
    void aConnectionThatNeverEndsItsRequestLineIsClosed() throws Exception {
        fake = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        gatewayInFrontOf(fake.baseUrl());
        try (Socket socket = connect()) {
            socket.getOutputStream().write("POST /v1/chat/comp".getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntilClosed(socket.getInputStream())).isEmpty();
        }
    }

    @Test
    void headersTrickledAByteAtATimeAreCutOff() throws Exception {
        fake = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        gatewayInFrontOf(fake.baseUrl());
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            // One byte every 100 ms, each read well within any per-read timeout; ten minutes' worth.
            boolean cut = false;
            for (int i = 0; i < 6_000 && !cut; i++) {
                try {
                    out.write('a');
                    out.flush();
                    Thread.sleep(100);
                } catch (SocketException closed) {
                    cut = true;
                }
            }
            assertThat(cut).as("the gateway closed the connection").isTrue();
        }
    }

    // ---- a caller who stops reading --------------------------------------------------------

    @Test
    void aStreamToACallerWhoStopsReadingIsCutByTheWriteTimeout() throws Exception {
        fake = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        gatewayInFrontOf(fake.baseUrl(), 30_000); // the fake takes a while to make this answer
        fake.enqueue(Reply.text("word ".repeat(60_000).trim())); // ~10 MB of events: more than the sockets hold
        try (Socket socket = sendWithoutReading(chat(true))) {
            // ... and never reads: the gateway's writes block once the socket buffers are full.
            assertThat(fake.awaitCancelledStreams(1, Duration.ofSeconds(30))).as("the upstream call was cancelled").isTrue();
            RequestRecord record = keyroute.awaitRecord(1);
            assertThat(record.outcome()).as(record.toString()).isEqualTo("cancelled");
        }
        assertThat(keyroute.gateway.inFlight()).isZero();
    }

    @Test
    void aWholeAnswerToACallerWhoStopsReadingIsCutByTheWriteTimeout() throws Exception {
        fake = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        gatewayInFrontOf(fake.baseUrl(), 30_000);
        fake.enqueue(Reply.text("x".repeat(16 * 1024 * 1024))); // one 16 MB answer: more than the sockets hold
        try (Socket socket = sendWithoutReading(chat(false))) {
            RequestRecord record = keyroute.awaitRecord(1); // made before the answer's last byte, then the send is cut
            assertThat(record.status()).isEqualTo(200);
            for (int i = 0; i < 3_000 && keyroute.gateway.inFlight() > 0; i++) {
                Thread.sleep(10); // polls for a condition: the blocked send was cut and the request ended
            }
            assertThat(keyroute.gateway.inFlight()).as("the request ended though its caller never read").isZero();
        }
    }

    // ---- an upstream that trickles -----------------------------------------------------------

    /** A loopback upstream: {@code whole} trickles a JSON answer, {@code event} an SSE event, {@code events} events without end. */
    private void trickler() {
        trickler = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .shutdownGracePeriod(Duration.ofMillis(100))
                .routing(r -> r.post("/v1/chat/completions", this::trickle).post("/v1/responses/input_tokens", this::trickle))
                .build().start();
        gatewayInFrontOf("http://127.0.0.1:" + trickler.port() + "/v1");
    }

    private void trickle(ServerRequest req, ServerResponse res) {
        String prompt = req.content().as(String.class);
        boolean stream = prompt.contains("\"stream\":true");
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, stream ? "text/event-stream" : "application/json"));
        if (!stream) {
            res.header(HeaderValues.create(HeaderNames.CONTENT_LENGTH, "100000"));
        }
        try (OutputStream out = res.outputStream()) {
            for (int i = 0; i < 6_000; i++) { // ten minutes at most
                byte[] piece = !stream ? new byte[] {' '}
                        : prompt.contains("slow events") ? ("data: " + CHUNK + "\n\n").getBytes(StandardCharsets.UTF_8)
                        : (i == 0 ? "data: {" : " ").getBytes(StandardCharsets.UTF_8);
                out.write(piece);
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            // the gateway hung up
        }
    }

    @Test
    void aWholeAnswerTrickledByteByByteIsCutAtTheProvidersTimeout() throws Exception {
        trickler();
        HttpResponse<String> response = keyroute.post("/chat/completions", chat(false));
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("\"code\":\"upstream_timeout\"")
                .contains("did not answer within " + PROVIDER_TIMEOUT_MS + " ms");
    }

    @Test
    void anEventTrickledByteByByteIsCutAtTheProvidersTimeoutBetweenEvents() throws Exception {
        trickler();
        HttpResponse<String> response = keyroute.post("/chat/completions", chat(true));
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("\"code\":\"upstream_timeout\"");
    }

    @Test
    void aStreamOfEventsWithoutEndIsCutAtStreamMax() throws Exception {
        trickler();
        HttpResponse<String> response = keyroute.post("/chat/completions",
                chat(true).replace("hello", "slow events"));
        assertThat(response.statusCode()).isEqualTo(200);
        String[] events = response.body().split("\n\n");
        assertThat(events[0]).contains("\"content\":\"hi\"");
        assertThat(events[events.length - 1]).contains("upstream_timeout")
                .contains("did not answer within " + STREAM_MAX_MS + " ms");
    }

    @Test
    void aTokenCountTrickledByteByByteIsCutAtTheProvidersTimeoutAndCountedLocally() throws Exception {
        trickler();
        HttpResponse<String> response = keyroute.post("/responses/input_tokens",
                "{\"model\":\"gpt-4o-mini\",\"input\":\"hello\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-keyroute-token-count")).hasValue("tokenizer");
        assertThat(response.body()).contains("\"object\":\"response.input_tokens\"");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", keyroute.gateway.port());
        socket.setSoTimeout(30_000); // a guard: the gateway should close long before
        return socket;
    }

    /** A request on a socket with a small receive buffer whose answer is never read. */
    private Socket sendWithoutReading(String json) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", keyroute.gateway.port()));
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TestGateway.KEYROUTE_KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    /** What the gateway sent before it closed the connection. */
    private static String readUntilClosed(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketException reset) {
            return "";
        }
    }
}
