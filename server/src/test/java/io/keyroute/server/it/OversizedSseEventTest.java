package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.providers.sse.SseReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 7: an upstream (a caller's own base_url) that sends one event of endless
 * {@code data:} lines fails that request with an upstream protocol error; the gateway keeps serving.
 */
class OversizedSseEventTest {
    private static final String CHUNK = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}";
    private static final String STOP = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
    private static final byte[] LINE = ("data: " + "x".repeat(1018) + "\n").getBytes(StandardCharsets.US_ASCII);
    /** The "endless" event, bounded here: three times what the gateway holds. */
    private static final long FLOOD_LINES = 3L * SseReader.MAX_EVENT_BYTES / LINE.length;

    private WebServer upstream;
    private TestGateway keyroute;
    private final AtomicLong floodLinesWritten = new AtomicLong();

    @BeforeEach
    void start() {
        upstream = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r.post("/v1/chat/completions", this::answer)).build().start();
        keyroute = TestGateway.inFrontOf("http://127.0.0.1:" + upstream.port() + "/v1", 30_000, 1, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        keyroute.close();
        upstream.stop();
    }

    /** A normal stream, unless the prompt asks for a flood ("flood first", or "flood after" one good event). */
    private void answer(ServerRequest req, ServerResponse res) {
        String prompt = req.content().as(String.class);
        res.header(HeaderValues.create("Content-Type", "text/event-stream"));
        try (OutputStream out = res.outputStream()) {
            if (prompt.contains("flood")) {
                if (prompt.contains("flood after")) {
                    out.write(("data: " + CHUNK + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                for (long i = 0; i < FLOOD_LINES; i++) {
                    out.write(LINE);
                    floodLinesWritten.incrementAndGet();
                }
            } else {
                out.write(("data: " + CHUNK + "\n\ndata: " + STOP + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            // the gateway hung up on the flood
        }
    }

    private static String streamed(String prompt) {
        return "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
    }

    @Test
    void anEndlessEventBeforeTheFirstByteIsA502ProtocolErrorAndTheNextRequestIsServed() throws Exception {
        HttpResponse<String> flooded = keyroute.post("/chat/completions", streamed("flood first"));

        assertThat(flooded.statusCode()).isEqualTo(502);
        assertThat(flooded.body()).contains("\"code\":\"upstream_protocol_error\"")
                .contains("SSE event larger than " + SseReader.MAX_EVENT_BYTES + " bytes");
        assertThat(floodLinesWritten.get()).as("the gateway stopped reading").isLessThan(FLOOD_LINES);
        assertThat(keyroute.awaitRecord(1).status()).isEqualTo(502);

        HttpResponse<String> next = keyroute.post("/chat/completions", streamed("hello"));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("\"content\":\"hi\"").contains("data: [DONE]");
    }

    @Test
    void anEndlessEventAfterTheFirstByteEndsTheStreamWithAnErrorEvent() throws Exception {
        HttpResponse<String> flooded = keyroute.post("/chat/completions", streamed("flood after"));

        assertThat(flooded.statusCode()).isEqualTo(200);
        String[] events = flooded.body().split("\n\n");
        assertThat(events[0]).contains("\"content\":\"hi\"");
        assertThat(events[events.length - 1]).startsWith("data: {\"error\":").contains("upstream_protocol_error");
        assertThat(flooded.body()).doesNotContain("xxxxxxxx").doesNotContain("[DONE]");

        assertThat(keyroute.post("/chat/completions", streamed("hello")).statusCode()).isEqualTo(200);
    }
}
