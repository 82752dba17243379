package io.keyroute.server.mcp;

import io.keyroute.api.error.LimitExceeded;
import io.keyroute.server.access.AccessList;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.McpServerSettings;
import io.keyroute.server.config.McpSettings;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The MCP methods {@code /mcp} answers, over every configured server: lists joined under {@code <server>__} names
 * and filtered by what the caller may use, calls routed by that prefix. A name the caller may not use reads as
 * unknown, on list and on call alike.
 */
final class McpMethods {
    /** Server-defined JSON-RPC codes: the gateway's own refusals. */
    static final int UNAVAILABLE = -32001;
    static final int RATE_LIMITED = -32029;
    static final int DENIED = -32003;

    private final Supplier<McpSettings> settings;
    private final Supplier<AccessList> access;
    private final Upstreams upstreams;
    private final ToolCallGate gate;
    private final McpCallEvents events;
    private final ContentRecorder recorder;
    private final McpJsonMapper json;
    private final Clock clock;

    McpMethods(Supplier<McpSettings> settings, Supplier<AccessList> access, Upstreams upstreams, ToolCallGate gate,
               McpCallEvents events, ContentRecorder recorder, McpJsonMapper json, Clock clock) {
        this.settings = settings;
        this.access = access;
        this.upstreams = upstreams;
        this.gate = gate;
        this.events = events;
        this.recorder = recorder;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The result of one request on the caller's session.
     *
     * @param notify where this request's notifications (progress) go while it runs
     * @throws McpError the JSON-RPC error to answer instead
     */
    Object answer(McpSession session, Caller caller, McpSchema.JSONRPCRequest request,
                  Consumer<McpSchema.JSONRPCNotification> notify) {
        AccessList.Grant grant = access.get().grantFor(caller);
        return switch (request.method()) {
            case McpSchema.METHOD_PING -> Map.of();
            case McpSchema.METHOD_TOOLS_LIST -> new McpSchema.ListToolsResult(tools(caller, grant), null);
            case McpSchema.METHOD_TOOLS_CALL -> callTool(caller, grant, params(request, McpSchema.CallToolRequest.class), notify);
            case McpSchema.METHOD_PROMPT_LIST -> new McpSchema.ListPromptsResult(prompts(caller, grant), null);
            case McpSchema.METHOD_PROMPT_GET -> getPrompt(caller, grant, params(request, McpSchema.GetPromptRequest.class));
            case McpSchema.METHOD_RESOURCES_LIST -> new McpSchema.ListResourcesResult(resources(session, caller, grant), null);
            case McpSchema.METHOD_RESOURCES_TEMPLATES_LIST ->
                    new McpSchema.ListResourceTemplatesResult(templates(caller, grant), null);
            case McpSchema.METHOD_RESOURCES_READ ->
                    readResource(session, caller, grant, params(request, McpSchema.ReadResourceRequest.class));
            default -> throw error(ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + request.method());
        };
    }

    private List<McpSchema.Tool> tools(Caller caller, AccessList.Grant grant) {
        return Aggregation.fromEach(servers(), server -> upstreams.request(caller, server, s -> !s.offers(
                cap -> cap.tools() != null) ? List.<McpSchema.Tool>of() : s.request(c ->
                Pages.all(cursor -> {
                    var page = c.listTools(cursor).block();
                    return new Pages.Page<>(page.tools(), page.nextCursor());
                }))).stream()
                .filter(tool -> ToolNames.showable(tool.name()) && grant.allows(ToolNames.prefixed(server.id(), tool.name())))
                .map(tool -> new McpSchema.Tool(ToolNames.prefixed(server.id(), tool.name()), tool.title(),
                        tool.description(), tool.inputSchema(), tool.outputSchema(), tool.annotations(), tool.meta(),
                        tool.icons()))
                .toList());
    }

    private List<McpSchema.Prompt> prompts(Caller caller, AccessList.Grant grant) {
        return Aggregation.fromEach(servers(), server -> upstreams.request(caller, server, s -> !s.offers(
                cap -> cap.prompts() != null) ? List.<McpSchema.Prompt>of() : s.request(c ->
                Pages.all(cursor -> {
                    var page = c.listPrompts(cursor).block();
                    return new Pages.Page<>(page.prompts(), page.nextCursor());
                }))).stream()
                .filter(p -> ToolNames.showable(p.name()) && grant.allows(ToolNames.prefixed(server.id(), p.name())))
                .map(p -> new McpSchema.Prompt(ToolNames.prefixed(server.id(), p.name()), p.title(), p.description(),
                        p.arguments(), p.meta(), p.icons()))
                .toList());
    }

    private List<McpSchema.Resource> resources(McpSession session, Caller caller, AccessList.Grant grant) {
        return Aggregation.fromEach(servers(), server -> upstreams.request(caller, server, s -> !s.offers(
                cap -> cap.resources() != null) ? List.<McpSchema.Resource>of() : s.request(c ->
                Pages.all(cursor -> {
                    var page = c.listResources(cursor).block();
                    return new Pages.Page<>(page.resources(), page.nextCursor());
                }))).stream()
                .filter(r -> r.uri() != null && ToolNames.showable(r.name())
                        && grant.allows(ToolNames.prefixed(server.id(), r.name())))
                .peek(r -> session.shown(r.uri(), server.id()))
                .map(r -> new McpSchema.Resource(r.uri(), ToolNames.prefixed(server.id(), r.name()), r.title(),
                        r.description(), r.mimeType(), r.size(), r.annotations(), r.meta(), r.icons()))
                .toList());
    }

    private List<McpSchema.ResourceTemplate> templates(Caller caller, AccessList.Grant grant) {
        return Aggregation.fromEach(servers(), server -> upstreams.request(caller, server, s -> !s.offers(
                cap -> cap.resources() != null) ? List.<McpSchema.ResourceTemplate>of() : s.request(c ->
                Pages.all(cursor -> {
                    var page = c.listResourceTemplates(cursor).block();
                    return new Pages.Page<>(page.resourceTemplates(), page.nextCursor());
                }))).stream()
                .filter(t -> ToolNames.showable(t.name()) && grant.allows(ToolNames.prefixed(server.id(), t.name())))
                .map(t -> new McpSchema.ResourceTemplate(t.uriTemplate(), ToolNames.prefixed(server.id(), t.name()),
                        t.title(), t.description(), t.mimeType(), t.annotations(), t.meta(), t.icons()))
                .toList());
    }

    private McpSchema.ReadResourceResult readResource(McpSession session, Caller caller, AccessList.Grant grant,
                                                      McpSchema.ReadResourceRequest read) {
        String serverId = read.uri() == null ? null : session.serverOf(read.uri());
        McpServerSettings server = serverId == null ? null : server(serverId).orElse(null);
        if (server == null) {
            throw error(ErrorCodes.RESOURCE_NOT_FOUND, "Resource not found; list resources first: /mcp reads the "
                    + "resources it listed in this session");
        }
        return relayed(() -> upstreams.request(caller, server, s -> s.request(c ->
                c.readResource(McpSchema.ReadResourceRequest.builder(read.uri()).build()).block())));
    }

    private McpSchema.GetPromptResult getPrompt(Caller caller, AccessList.Grant grant, McpSchema.GetPromptRequest get) {
        Target target = target(get.name(), grant, "Unknown prompt: ");
        return relayed(() -> upstreams.request(caller, target.server(), s -> s.request(c ->
                c.getPrompt(McpSchema.GetPromptRequest.builder(target.name()).arguments(get.arguments()).build()).block())));
    }

    private McpSchema.CallToolResult callTool(Caller caller, AccessList.Grant grant, McpSchema.CallToolRequest call,
                                              Consumer<McpSchema.JSONRPCNotification> notify) {
        Target target = target(call.name(), grant, "Unknown tool: ");
        Instant started = clock.instant();
        long start = System.nanoTime();
        String arguments = write(call.arguments() == null ? Map.of() : call.arguments());
        McpSchema.CallToolResult result = null;
        String status = McpCall.UNAVAILABLE;
        try {
            gate.admit(caller, target.server().id(), target.name(), call.arguments(), arguments.length());
            Object token = call.meta() == null ? null : call.meta().get("progressToken");
            result = upstreams.request(caller, target.server(), s -> s.callTool(target.name(), call.arguments(), token,
                    progress -> notify.accept(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION,
                            McpSchema.METHOD_NOTIFICATION_PROGRESS, progress))));
            status = Boolean.TRUE.equals(result.isError()) ? McpCall.TOOL_ERROR : McpCall.OK;
            return result;
        } catch (LimitExceeded limited) {
            status = McpCall.RATE_LIMITED;
            throw McpError.builder(RATE_LIMITED).message(limited.getMessage()).data(limited.retryAfter()
                    .map(d -> Map.of("retry_after_s", Math.max(1, (d.toMillis() + 999) / 1000))).orElse(null)).build();
        } catch (ToolCallGate.Denied denied) {
            status = McpCall.DENIED;
            throw error(DENIED, denied.getMessage());
        } catch (McpError answered) {
            status = McpCall.UPSTREAM_ERROR;
            throw answered;
        } catch (UpstreamFailure failed) {
            throw error(UNAVAILABLE, failed.getMessage());
        } finally {
            String answer = result == null ? null : write(result);
            events.called(new McpCall(McpCallIds.next(), started, caller, target.server().id(), target.name(), status,
                    (System.nanoTime() - start) / 1_000_000, arguments.length(), answer == null ? 0 : answer.length(),
                    kept(arguments), kept(answer)));
        }
    }

    /** What the ledger keeps of a call's content: only with {@code mcp.record_content}, redacted. */
    private String kept(String content) {
        return content == null || !settings.get().recordContent() ? null : recorder.record(content);
    }

    private static <T> T relayed(Supplier<T> request) {
        try {
            return request.get();
        } catch (UpstreamFailure failed) {
            throw error(UNAVAILABLE, failed.getMessage());
        }
    }

    /** The server and its own name behind a prefixed name the caller may use; otherwise "unknown". */
    private Target target(String prefixed, AccessList.Grant grant, String unknown) {
        var split = ToolNames.split(prefixed);
        Optional<McpServerSettings> server = split.flatMap(s -> server(s.serverId()));
        if (server.isEmpty() || !grant.allows(prefixed)) {
            throw error(ErrorCodes.INVALID_PARAMS, unknown + printable(prefixed));
        }
        return new Target(server.get(), split.get().name());
    }

    private List<McpServerSettings> servers() {
        return settings.get().servers();
    }

    private Optional<McpServerSettings> server(String id) {
        return servers().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private <T> T params(McpSchema.JSONRPCRequest request, Class<T> type) {
        try {
            return json.convertValue(request.params() == null ? Map.of() : request.params(), type);
        } catch (IllegalArgumentException malformed) {
            throw error(ErrorCodes.INVALID_PARAMS, "Invalid params for " + request.method());
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A caller's name quoted back: bounded and plain, so an error never carries what it should not. */
    private static String printable(String name) {
        if (name == null) {
            return "(none)";
        }
        String cut = name.length() > 160 ? name.substring(0, 160) + "…" : name;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    static McpError error(int code, String message) {
        return McpError.builder(code).message(message).build();
    }

    private record Target(McpServerSettings server, String name) {
    }
}
