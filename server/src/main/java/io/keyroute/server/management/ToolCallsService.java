package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.Timestamps;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.usage.ToolCall;
import io.keyroute.usage.ToolCallLog;
import io.keyroute.usage.ToolTotals;
import io.keyroute.usage.UsageScope;
import io.keyroute.vault.common.VaultErrors;
import java.time.Instant;

/**
 * The tool calls through {@code /mcp}, scoped as the requests are (admin: all; a workspace admin: their workspace's;
 * anyone else: their own). {@code GET /mcp/calls?limit&before}: the latest calls, newest first, paged as
 * {@code GET /requests} is; arguments and result only as recorded ({@code mcp.record_content}, redacted), else null.
 * {@code GET /mcp/calls/totals?from&to}: each tool's calls, errors (any status but {@code ok}) and p50 latency.
 */
final class ToolCallsService implements HttpService {
    private final ManagementAuth auth;
    private final ToolCallLog log;

    ToolCallsService(ManagementAuth auth, ToolCallLog log) {
        this.auth = auth;
        this.log = log;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/mcp/calls", ManagementCall.of(this::list))
                .get("/mcp/calls/totals", ManagementCall.of(this::totals));
    }

    private void list(ServerRequest req, ServerResponse res) {
        UsageScope scope = auth.usageScope(auth.caller(req));
        PageParams params = PageParams.of(req.query());
        var page = log.latest(scope, params.limit(), params.before()).orElseThrow(() -> VaultErrors.badRequest(
                "'before' must be the id of a tool call in this listing.", "before"));
        JsonOut.send(res, 200, PageParams.json(page, page.items().stream().map(ToolCallsService::json).toList()));
    }

    private void totals(ServerRequest req, ServerResponse res) {
        UsageScope scope = auth.usageScope(auth.caller(req));
        var query = req.query();
        Instant from = QueryTimes.parse(query.first("from").asOptional(), "from", false).orElse(Instant.EPOCH);
        Instant to = QueryTimes.parse(query.first("to").asOptional(), "to", true).orElse(QueryTimes.END_OF_TIME);
        JsonOut.send(res, 200, ManagementJson.list(log.totals(from, to, scope).stream().map(ToolCallsService::json).toList()));
    }

    private static ObjectNode json(ToolCall c) {
        return Json.MAPPER.createObjectNode().put("id", c.id()).put("at", Timestamps.format(c.at()))
                .put("workspace_id", c.workspaceId()).put("user_id", c.userId()).put("key_id", c.keyId())
                .put("server", c.serverId()).put("tool", c.tool()).put("status", c.status())
                .put("latency_ms", c.latencyMs()).put("request_bytes", c.requestBytes())
                .put("response_bytes", c.responseBytes()).put("arguments", c.arguments()).put("result", c.result());
    }

    private static ObjectNode json(ToolTotals t) {
        return Json.MAPPER.createObjectNode().put("server", t.serverId()).put("tool", t.tool()).put("calls", t.calls())
                .put("errors", t.errors()).put("p50_ms", t.p50Ms());
    }
}
