package io.keyroute.testkit.checkers;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.FakeJson;
import io.keyroute.testkit.LoopbackServer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * An external guardrail checker on loopback speaking Keyroute's {@code http} check protocol
 * ({@code POST} a JSON {@code {"text", "guardrail"}}, answered {@code {"action": "allow" | "block", …}}):
 * each request's text is given to a verdict function whose JSON string is the answer. A test can
 * make it fail the next request with a status, or stall every request until it is released (a
 * checker that does not answer in time), and reads the bodies it received.
 */
public class FakeChecker implements AutoCloseable {
    private final String path;
    private final Function<String, String> verdict;
    private final WebServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch stall = new CountDownLatch(0);
    private volatile int failStatus;

    /** A checker at {@code /check} answering each text with {@code verdict.apply(text)}. */
    public FakeChecker(Function<String, String> verdict) {
        this("/check", verdict);
    }

    protected FakeChecker(String path) {
        this(path, null);
    }

    private FakeChecker(String path, Function<String, String> verdict) {
        this.path = path;
        this.verdict = verdict;
        this.server = LoopbackServer.start(0, routing -> {
            route(routing);
            routing.post(path, this::handle);
        });
    }

    /** Further routes of a subclass. */
    protected void route(HttpRouting.Builder routing) {
    }

    /** Answers one request whose body is {@code body}. */
    protected void answer(ServerRequest req, ServerResponse res, String body) throws Exception {
        JsonNode request = FakeJson.MAPPER.readTree(body);
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.send(verdict.apply(request.path("text").asText()));
    }

    private void handle(ServerRequest req, ServerResponse res) throws Exception {
        String body = req.content().as(String.class);
        bodies.add(body);
        stall.await();
        int status = failStatus;
        if (status != 0) {
            failStatus = 0;
            res.status(Status.create(status)).send("{\"error\":\"scripted failure\"}");
            return;
        }
        answer(req, res, body);
    }

    /** {@code http://127.0.0.1:port}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The URL requests are posted to. */
    public String url() {
        return baseUrl() + path;
    }

    /** The bodies received, oldest first. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The next request is answered {@code status} with a small JSON error. */
    public void failNext(int status) {
        this.failStatus = status;
    }

    /** Requests from now on wait, unanswered, until {@link #release()} or {@link #close()}. */
    public void stall() {
        stall = new CountDownLatch(1);
    }

    public void release() {
        stall.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop();
    }
}
