package io.keyroute.testkit.mcp;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.RequestLog;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * The official SDK's server side over Helidon SE: the streamable HTTP transport as the SDK's servlet provider
 * serves it (initialize answered as JSON with {@code Mcp-Session-Id}; each later request answered on an SSE stream
 * of its notifications and its response; notifications and responses 202; DELETE ends the session), less
 * the GET stream (405) and resumption. Every request is recorded, headers included.
 */
final class HelidonMcpTransport implements McpStreamableServerTransportProvider, HttpService {
    private static final String SESSION = "Mcp-Session-Id";

    private final McpJsonMapper json;
    private final RequestLog log = new RequestLog(true);
    private final Map<String, McpStreamableServerSession> sessions = new ConcurrentHashMap<>();
    private volatile McpStreamableServerSession.Factory factory;
    private volatile boolean malformed;

    HelidonMcpTransport(McpJsonMapper json) {
        this.json = json;
    }

    RequestLog log() {
        return log;
    }

    Map<String, McpStreamableServerSession> sessions() {
        return sessions;
    }

    /** From now on every POST is answered with a 200 that is not JSON-RPC. */
    void speakGarbage(boolean on) {
        this.malformed = on;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        this.factory = sessionFactory;
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Mono.whenDelayError(sessions.values().stream().map(s -> s.sendNotification(method, params)).toList());
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.whenDelayError(sessions.values().stream().map(McpStreamableServerSession::closeGracefully).toList());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::post)
                .delete("/", this::delete)
                .get("/", (req, res) -> res.status(Status.METHOD_NOT_ALLOWED_405).send());
    }

    private void post(ServerRequest req, ServerResponse res) throws IOException {
        RecordedRequest recorded = log.record(req, true);
        if (malformed) {
            res.header(HeaderValues.CONTENT_TYPE_JSON).send("{\"this is\": not json-rpc");
            return;
        }
        McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(json, recorded.bodyText());
        if (message instanceof McpSchema.JSONRPCRequest request && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            var init = factory.startSession(json.convertValue(request.params(), new TypeRef<McpSchema.InitializeRequest>() {
            }));
            sessions.put(init.session().getId(), init.session());
            McpSchema.InitializeResult result = init.initResult().block();
            res.header(SESSION, init.session().getId()).header(HeaderValues.CONTENT_TYPE_JSON)
                    .send(json.writeValueAsBytes(McpSchema.JSONRPCResponse.result(request.id(), result)));
            return;
        }
        McpStreamableServerSession session = sessions.get(String.valueOf(recorded.header(SESSION)));
        if (session == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        switch (message) {
            case McpSchema.JSONRPCResponse response -> {
                session.accept(response).block();
                res.status(Status.ACCEPTED_202).send();
            }
            case McpSchema.JSONRPCNotification notification -> {
                session.accept(notification).block();
                res.status(Status.ACCEPTED_202).send();
            }
            case McpSchema.JSONRPCRequest request -> {
                res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream"));
                try (OutputStream out = res.outputStream()) {
                    var stream = new Stream(out);
                    session.responseStream(request, stream).block();
                    stream.closed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> res.status(Status.BAD_REQUEST_400).send();
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        log.record(req, false);
        McpStreamableServerSession session = req.headers().first(HeaderNames.create(SESSION)).map(sessions::remove)
                .orElse(null);
        if (session == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        session.delete().block();
        res.send();
    }

    /** One request's SSE answer: its notifications, then its response, then closed. */
    private final class Stream implements McpStreamableServerTransport {
        private final OutputStream out;
        private final CountDownLatch closed = new CountDownLatch(1);

        Stream(OutputStream out) {
            this.out = out;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return sendMessage(message, null);
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
            return Mono.fromRunnable(() -> {
                synchronized (this) {
                    if (closed.getCount() == 0) {
                        return;
                    }
                    try {
                        out.write(("event: message\ndata: " + json.writeValueAsString(message) + "\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return json.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(this::close);
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
