package io.keyroute.testkit.anthropic;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.HttpOut;
import io.keyroute.testkit.LoopbackServer;
import io.keyroute.testkit.ScriptedStream;
import io.keyroute.testkit.openai.FastPath;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.Usage;
import io.keyroute.testkit.replies.Wording;
import io.keyroute.testkit.sse.StreamControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Anthropic's Messages API for the benchmark harness, until killed: {@link FakeAnthropic}'s wire (its
 * {@code x-api-key} and {@code anthropic-version} checks, its message and its event sequence for a
 * text answer) with {@link FastPath}'s economy: one canned answer built at start, the body scanned
 * for {@code "stream":true} instead of parsed, nothing kept (a 400 KB request a time adds nothing to
 * the heap), so on a shared core the fake costs far less than the gateway it measures.
 *
 * <pre>
 * java -cp ... io.keyroute.testkit.anthropic.FakeAnthropicMain --port=8090 --key=sk-ant-bench
 * </pre>
 * Prints {@code FakeAnthropic listening on <baseUrl>} when ready.
 */
public final class FakeAnthropicMain {
    static final String TEXT = "Hello! How can I help you today?";
    static final String MODEL = "claude-sonnet-4-5-20250929";

    private final Set<String> keys;
    private final Reply reply = Reply.text(TEXT);
    private final byte[] message;
    private final List<byte[]> events;
    private final StreamControl control = new StreamControl();

    FakeAnthropicMain(Set<String> keys) {
        this.keys = Set.copyOf(keys);
        String id = "msg_bench" + String.format("%016d", 0);
        Usage usage = new Usage(8, Wording.words(TEXT), 0, 0);
        this.message = AnthropicWire.bytes(AnthropicWire.message(id, MODEL, reply, usage));
        this.events = List.copyOf(AnthropicWire.events(id, MODEL, reply, usage));
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8090;
        Set<String> keys = new HashSet<>();
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(value);
            } else if (arg.startsWith("--key=")) {
                keys.add(value);
            } else {
                System.err.println("usage: FakeAnthropicMain [--port=N] --key=K [--key=K]...");
                System.exit(2);
            }
        }
        if (keys.isEmpty()) {
            System.err.println("FakeAnthropicMain needs at least one --key");
            System.exit(2);
        }
        WebServer server = LoopbackServer.start(port, new FakeAnthropicMain(keys)::routing);
        System.out.println("FakeAnthropic listening on http://127.0.0.1:" + server.port());
        new CountDownLatch(1).await();
    }

    void routing(HttpRouting.Builder r) {
        r.post("/v1/messages", this::messages)
                .get("/v1/models", (req, res) -> {
                    if (FakeAnthropic.authorized(req, res, keys)) {
                        FakeAnthropic.json(res, 200, AnthropicWire.bytes(AnthropicWire.models()), Map.of());
                    }
                });
    }

    private void messages(ServerRequest req, ServerResponse res) {
        byte[] body;
        try {
            body = req.content().inputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!FakeAnthropic.authorized(req, res, keys)) {
            return;
        }
        if (FastPath.flag(body, "\"stream\"")) {
            res.header(HttpOut.CONTENT_TYPE_SSE);
            ScriptedStream.play(res, reply, events, control, k -> {
                throw new IllegalStateException("the bench answer has no error event");
            });
        } else {
            FakeAnthropic.json(res, 200, message, Map.of());
        }
    }
}
