package io.keyroute.server.mcp;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyroute.api.error.ClientError;
import io.keyroute.routing.health.BreakerSettings;
import io.keyroute.routing.health.Health;
import io.keyroute.server.config.McpSettings;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import io.keyroute.api.error.GatewayError;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.http.exchange.RequestBodies;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mcp}: the streamable HTTP transport of the MCP protocol (revisions 2025-03-26 to 2025-11-25), one
 * endpoint in front of every configured server. POST carries one JSON-RPC message; a request is answered as JSON,
 * or as an SSE stream when it asked for progress and the caller accepts one (its progress notifications, then its
 * answer). DELETE ends the session. GET (a stream of server-initiated messages) is 405: {@code /mcp} sends none.
 * Every method needs a Keyroute key ({@code Authorization: Bearer kr-…}); a session is usable with that key only.
 */
public final class McpGateway implements HttpService, AutoCloseable {
    public static final String PATH = "/mcp";
    static final HeaderName SESSION_ID = HeaderNames.create("Mcp-Session-Id");
    static final HeaderName PROTOCOL_VERSION = HeaderNames.create("MCP-Protocol-Version");
    static final List<String> VERSIONS = List.of(ProtocolVersions.MCP_2025_11_25, ProtocolVersions.MCP_2025_06_18,
            ProtocolVersions.MCP_2025_03_26);
    private static final Logger LOG = LoggerFactory.getLogger(McpGateway.class);
    private static final McpSchema.Implementation SERVER = new McpSchema.Implementation("keyroute", "1");
    private static final McpSchema.ServerCapabilities CAPABILITIES = McpSchema.ServerCapabilities.builder()
            .tools(false).prompts(false).resources(false, false).build();

    private final CallerAuth auth;
    private final McpSessions sessions;
    private final McpMethods methods;
    private final Upstreams upstreams;
    private final IntSupplier maxMessageBytes;
    private final McpJsonMapper json;

    McpGateway(CallerAuth auth, McpSessions sessions, McpMethods methods, Upstreams upstreams,
               IntSupplier maxMessageBytes, McpJsonMapper json) {
        this.auth = auth;
        this.sessions = sessions;
        this.methods = methods;
        this.upstreams = upstreams;
        this.maxMessageBytes = maxMessageBytes;
        this.json = json;
    }

    /**
     * {@code /mcp} over the servers of the current {@code mcp:} section (read per request, so a reload applies);
     * its session bounds are the first config's.
     *
     * @param authorization what each upstream request carries as {@code Authorization} for its caller
     * @param breaker       the circuit breakers' settings, one breaker per server
     * @param gate          the key's rate limit and the tool-call policies, before each call
     * @param events        told of each call: the ledger and audit log, the metrics
     */
    public static McpGateway create(Supplier<McpSettings> settings, CallerAuth auth, UpstreamAuthorization authorization,
                                    BreakerSettings breaker, ToolCallGate gate, McpCallEvents events, Clock clock) {
        McpSettings first = settings.get();
        Duration idle = Duration.ofSeconds(first.sessionIdleS());
        var upstreams = new Upstreams(new UpstreamClients(authorization), new Health(breaker, clock), idle,
                first.maxSessions());
        McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        var methods = new McpMethods(settings, new McpAccessRules(() -> settings.get().access()), upstreams, gate,
                events, ContentRecorder.redacting(), json, clock);
        return new McpGateway(auth, new McpSessions(idle, first.maxSessions()), methods, upstreams,
                () -> settings.get().maxMessageBytes(), json);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::post)
                .delete("/", this::delete)
                .get("/", (req, res) -> {
                    res.status(Status.METHOD_NOT_ALLOWED_405).header(HeaderNames.ALLOW, "POST, DELETE").send();
                });
    }

    private void post(ServerRequest req, ServerResponse res) {
        Caller caller = authenticated(req, res);
        if (caller == null) {
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            byte[] body = RequestBodies.read(req, maxMessageBytes.getAsInt());
            message = McpSchema.deserializeJsonRpcMessage(json, new String(body, StandardCharsets.UTF_8));
        } catch (ClientError tooLargeOrUnread) {
            ErrorResponses.sendManagement(res, tooLargeOrUnread);
            return;
        } catch (IOException | IllegalArgumentException malformed) {
            sendJson(res, Status.BAD_REQUEST_400, McpSchema.JSONRPCResponse.error(null,
                    new McpSchema.JSONRPCResponse.JSONRPCError(ErrorCodes.PARSE_ERROR, "Parse error: not one JSON-RPC message")));
            return;
        }
        if (message instanceof McpSchema.JSONRPCRequest request && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            initialize(caller, request, res);
            return;
        }
        String sessionId = req.headers().first(SESSION_ID).orElse(null);
        if (sessionId == null) {
            refuse(res, Status.BAD_REQUEST_400, message, "Mcp-Session-Id header required: send initialize first");
            return;
        }
        McpSession session = sessions.find(sessionId, caller).orElse(null);
        if (session == null) {
            refuse(res, Status.NOT_FOUND_404, message, "Session not found: initialize a new one");
            return;
        }
        String version = req.headers().first(PROTOCOL_VERSION).orElse(null);
        if (version != null && !VERSIONS.contains(version)) {
            refuse(res, Status.BAD_REQUEST_400, message, "Unsupported MCP-Protocol-Version; supported: " + VERSIONS);
            return;
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            answer(req, res, session, caller, request);
        } else {
            res.status(Status.ACCEPTED_202).send(); // notifications and responses: /mcp asks clients nothing
        }
    }

    private void initialize(Caller caller, McpSchema.JSONRPCRequest request, ServerResponse res) {
        Object asked = request.params() instanceof Map<?, ?> params ? params.get("protocolVersion") : null;
        String version = asked instanceof String v && VERSIONS.contains(v) ? v : VERSIONS.getFirst();
        McpSession session = sessions.open(caller, version);
        res.header(SESSION_ID, session.id());
        sendJson(res, Status.OK_200, McpSchema.JSONRPCResponse.result(request.id(),
                new McpSchema.InitializeResult(version, CAPABILITIES, SERVER,
                        "Tools of several MCP servers, named <server>__<tool>.")));
    }

    private void answer(ServerRequest req, ServerResponse res, McpSession session, Caller caller,
                        McpSchema.JSONRPCRequest request) {
        boolean stream = wantsProgress(request) && req.headers().first(HeaderNames.ACCEPT)
                .map(accept -> accept.contains("text/event-stream")).orElse(false);
        if (!stream) {
            sendJson(res, Status.OK_200, respond(session, caller, request, notification -> { }));
            return;
        }
        res.status(Status.OK_200).header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream"))
                .header(HeaderValues.CACHE_NO_CACHE);
        try (OutputStream out = res.outputStream()) {
            var events = new SseWriter(out, json);
            events.send(respond(session, caller, request, events::send));
        } catch (IOException | UncheckedIOException gone) {
            LOG.debug("MCP caller left before its answer: {}", gone.toString());
        }
    }

    private McpSchema.JSONRPCResponse respond(McpSession session, Caller caller, McpSchema.JSONRPCRequest request,
                                              java.util.function.Consumer<McpSchema.JSONRPCNotification> notify) {
        try {
            return McpSchema.JSONRPCResponse.result(request.id(), methods.answer(session, caller, request, notify));
        } catch (McpError error) {
            return McpSchema.JSONRPCResponse.error(request.id(), error.getJsonRpcError());
        } catch (RuntimeException unexpected) {
            LOG.error("MCP request {} failed unexpectedly", request.method(), unexpected);
            return McpSchema.JSONRPCResponse.error(request.id(),
                    new McpSchema.JSONRPCResponse.JSONRPCError(ErrorCodes.INTERNAL_ERROR, "Internal error"));
        }
    }

    private static boolean wantsProgress(McpSchema.JSONRPCRequest request) {
        return request.params() instanceof Map<?, ?> params && params.get("_meta") instanceof Map<?, ?> meta
                && meta.get("progressToken") != null;
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Caller caller = authenticated(req, res);
        if (caller == null) {
            return;
        }
        var session = sessions.find(req.headers().first(SESSION_ID).orElse(null), caller);
        if (session.isEmpty()) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        sessions.end(session.get());
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The caller, or null once a 401 (with {@code WWW-Authenticate}) or 403 went out. */
    private Caller authenticated(ServerRequest req, ServerResponse res) {
        try {
            return auth.require(req);
        } catch (GatewayError refused) {
            if (refused.status() == 401) {
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"keyroute\"");
            }
            ErrorResponses.sendManagement(res, refused);
            return null;
        }
    }

    /** A transport-level refusal: the HTTP status, and a JSON-RPC error for a request (nothing else can be answered). */
    private void refuse(ServerResponse res, Status status, McpSchema.JSONRPCMessage message, String why) {
        Object id = message instanceof McpSchema.JSONRPCRequest request ? request.id() : null;
        sendJson(res, status, McpSchema.JSONRPCResponse.error(id,
                new McpSchema.JSONRPCResponse.JSONRPCError(ErrorCodes.INVALID_REQUEST, why)));
    }

    private void sendJson(ServerResponse res, Status status, Object body) {
        try {
            res.status(status).header(HeaderValues.CONTENT_TYPE_JSON).send(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        upstreams.close();
    }
}
