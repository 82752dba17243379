package io.keyroute.testkit.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.FakeJson;
import io.keyroute.testkit.LoopbackServer;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.RequestLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An A2A agent on loopback speaking the JSON-RPC binding of A2A 0.3 as its specification
 * ({@code docs/specification.md}, {@code specification/json/a2a.json}) writes it: its agent card at
 * {@code /.well-known/agent-card.json} (JSON-RPC at {@code /a2a}, a gRPC interface too, a bearer scheme,
 * streaming and push notifications, a signature); at {@code POST /a2a} {@code message/send} answering a completed
 * {@code Task} whose artifact echoes the text (a text of {@code wait} leaves it {@code working}, to be
 * cancelled), {@code message/stream} answering {@code text/event-stream}: the {@code Task} submitted, a
 * {@code status-update} working, an {@code artifact-update}, then a {@code status-update} completed with
 * {@code final: true}; {@code tasks/get} and {@code tasks/cancel} over the tasks it made ({@code -32001} task not
 * found, {@code -32002} not cancelable), {@code tasks/resubscribe} (a stream of the task's current status),
 * {@code agent/getAuthenticatedExtendedCard} (the card and one more skill),
 * {@code -32601} for any other method and {@code -32700} for bad JSON.
 * With a token, every request without {@code Authorization: Bearer <token>} is a 401.
 *
 * <p>A test can hold a stream before its last event (to see the events before it arrive alone), make the next
 * answer garbage or an HTTP error, and reads every request it received.
 */
public final class FakeA2aAgent implements AutoCloseable {
    public static final String RPC_PATH = "/a2a";

    private final String token;
    private final WebServer server;
    private final RequestLog log = new RequestLog(true);
    private final Map<String, ObjectNode> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CountDownLatch beforeFinal = new CountDownLatch(0);
    private volatile String nextGarbage;
    private volatile int nextStatus;

    private FakeA2aAgent(String token) {
        this.token = token;
        this.server = LoopbackServer.start(0, routing -> routing
                .get("/.well-known/agent-card.json", this::card)
                .post(RPC_PATH, this::rpc));
    }

    /** An agent that wants {@code Authorization: Bearer token}, or none when token is null. */
    public static FakeA2aAgent start(String token) {
        return new FakeA2aAgent(token);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Its JSON-RPC endpoint, as its card names it. */
    public String rpcUrl() {
        return baseUrl() + RPC_PATH;
    }

    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /** Streams from now on wait before their final event, and a message {@code hold} before its answer, until {@link #releaseStreams()}. */
    public void holdStreamsBeforeFinal() {
        beforeFinal = new CountDownLatch(1);
    }

    public void releaseStreams() {
        beforeFinal.countDown();
    }

    /** The next request is answered 200 with {@code body} as {@code contentType}. */
    public void answerNextWith(String contentType, String body) {
        this.nextStatus = 0;
        this.nextGarbage = contentType + "\n" + body;
    }

    /** The next request is answered {@code status} with a plain-text body. */
    public void failNext(int status) {
        this.nextStatus = status;
    }

    /** The card as the agent publishes it. */
    public ObjectNode card() {
        ObjectNode card = FakeJson.MAPPER.createObjectNode()
                .put("protocolVersion", "0.3.0").put("name", "Echo Agent")
                .put("description", "Echoes what it is sent, as a task's artifact.")
                .put("url", rpcUrl()).put("preferredTransport", "JSONRPC").put("version", "1.0.0");
        card.putArray("additionalInterfaces")
                .add(FakeJson.MAPPER.createObjectNode().put("url", rpcUrl()).put("transport", "JSONRPC"))
                .add(FakeJson.MAPPER.createObjectNode().put("url", "127.0.0.1:" + server.port()).put("transport", "GRPC"));
        card.putObject("capabilities").put("streaming", true).put("pushNotifications", true);
        card.putObject("securitySchemes").putObject("agentToken").put("type", "http").put("scheme", "bearer");
        card.putArray("security").addObject().putArray("agentToken");
        card.putArray("defaultInputModes").add("text/plain");
        card.putArray("defaultOutputModes").add("text/plain");
        ObjectNode skill = card.putArray("skills").addObject().put("id", "echo").put("name", "Echo")
                .put("description", "Repeats the text it is given.");
        skill.putArray("tags").add("echo");
        card.putArray("signatures").addObject().put("protected", "eyJhbGciOiJFUzI1NiJ9").put("signature", "c2lnbmVk");
        return card;
    }

    /** The card an authenticated client gets: the public one and a skill more. */
    public ObjectNode extendedCard() {
        ObjectNode card = card().put("supportsAuthenticatedExtendedCard", true);
        ((com.fasterxml.jackson.databind.node.ArrayNode) card.get("skills")).addObject().put("id", "echo-loud")
                .put("name", "Loud echo").put("description", "Repeats the text in capitals.");
        return card;
    }

    private boolean authorized(ServerRequest req, ServerResponse res) {
        if (token == null || req.headers().first(HeaderNames.AUTHORIZATION).orElse("").equals("Bearer " + token)) {
            return true;
        }
        res.status(Status.UNAUTHORIZED_401).header(HeaderNames.WWW_AUTHENTICATE, "Bearer").send("unauthorized");
        return false;
    }

    private boolean scripted(ServerResponse res) {
        int status = nextStatus;
        if (status != 0) {
            nextStatus = 0;
            res.status(Status.create(status)).header(HeaderNames.CONTENT_TYPE, "text/plain").send("scripted failure");
            return true;
        }
        String garbage = nextGarbage;
        if (garbage != null) {
            nextGarbage = null;
            int split = garbage.indexOf('\n');
            res.header(HeaderNames.CONTENT_TYPE, garbage.substring(0, split)).send(garbage.substring(split + 1));
            return true;
        }
        return false;
    }

    private void card(ServerRequest req, ServerResponse res) {
        log.record(req, false);
        if (!authorized(req, res) || scripted(res)) {
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(card().toString());
    }

    private void rpc(ServerRequest req, ServerResponse res) throws Exception {
        RecordedRequest recorded = log.record(req, true);
        if (!authorized(req, res) || scripted(res)) {
            return;
        }
        JsonNode request = recorded.json();
        if (request == null) {
            json(res, A2aWire.error(FakeJson.MAPPER.nullNode(), -32700, "Invalid JSON payload"));
            return;
        }
        JsonNode id = request.path("id");
        JsonNode params = request.path("params");
        switch (request.path("method").asText()) {
            case "message/send" -> json(res, A2aWire.result(id, send(params)));
            case "message/stream" -> stream(res, id, params);
            case "tasks/get" -> {
                ObjectNode task = tasks.get(params.path("id").asText());
                json(res, task == null ? A2aWire.error(id, -32001, "Task not found") : A2aWire.result(id, task));
            }
            case "tasks/cancel" -> json(res, cancel(id, params.path("id").asText()));
            case "tasks/resubscribe" -> resubscribe(res, id, params.path("id").asText());
            case "agent/getAuthenticatedExtendedCard" -> json(res, A2aWire.result(id, extendedCard()));
            default -> json(res, A2aWire.error(id, -32601, "Method not found"));
        }
    }

    private ObjectNode send(JsonNode params) throws InterruptedException {
        String text = A2aWire.text(params);
        if (text.equals("hold")) {
            beforeFinal.await(30, TimeUnit.SECONDS);
        }
        String taskId = "task-" + ids.incrementAndGet();
        ObjectNode task = A2aWire.task(taskId, "ctx-" + taskId, text.equals("wait") ? "working" : "completed");
        if (!text.equals("wait")) {
            task.putArray("artifacts").add(A2aWire.artifact("echo: " + text));
        }
        tasks.put(taskId, task);
        return task;
    }

    private ObjectNode cancel(JsonNode id, String taskId) {
        ObjectNode task = tasks.get(taskId);
        if (task == null) {
            return A2aWire.error(id, -32001, "Task not found");
        }
        if (!task.path("status").path("state").asText().equals("working")) {
            return A2aWire.error(id, -32002, "Task cannot be canceled");
        }
        ((ObjectNode) task.get("status")).put("state", "canceled");
        return A2aWire.result(id, task);
    }

    private void stream(ServerResponse res, JsonNode id, JsonNode params) throws IOException, InterruptedException {
        String taskId = "task-" + ids.incrementAndGet();
        String contextId = "ctx-" + taskId;
        ObjectNode task = A2aWire.task(taskId, contextId, "submitted");
        tasks.put(taskId, task);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        try (OutputStream out = res.outputStream()) {
            event(out, A2aWire.result(id, task));
            event(out, A2aWire.result(id, A2aWire.statusUpdate(taskId, contextId, "working", false)));
            event(out, A2aWire.result(id, A2aWire.artifactUpdate(taskId, contextId, "echo: " + A2aWire.text(params))));
            beforeFinal.await(30, TimeUnit.SECONDS);
            ((ObjectNode) task.get("status")).put("state", "completed");
            event(out, A2aWire.result(id, A2aWire.statusUpdate(taskId, contextId, "completed", true)));
        }
    }

    /** The task's current status as one event (final when the task has ended), or -32001 as JSON. */
    private void resubscribe(ServerResponse res, JsonNode id, String taskId) throws IOException {
        ObjectNode task = tasks.get(taskId);
        if (task == null) {
            json(res, A2aWire.error(id, -32001, "Task not found"));
            return;
        }
        String state = task.path("status").path("state").asText();
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        try (OutputStream out = res.outputStream()) {
            event(out, A2aWire.result(id, A2aWire.statusUpdate(taskId, task.path("contextId").asText(), state,
                    !state.equals("working") && !state.equals("submitted"))));
        }
    }

    private static void event(OutputStream out, ObjectNode response) throws IOException {
        out.write(("data: " + response + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void json(ServerResponse res, ObjectNode response) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(response.toString());
    }

    @Override
    public void close() {
        releaseStreams();
        server.stop();
    }
}
