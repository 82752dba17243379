package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.Timestamps;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.usage.LedgerEntry;
import io.keyroute.usage.RequestLog;
import io.keyroute.usage.RequestRecord;
import io.keyroute.vault.common.VaultErrors;
import java.math.BigDecimal;

/**
 * {@code GET /requests?limit&before}: the latest requests from the usage ledger, newest first
 * (admin: all; a workspace admin: their workspace's; anyone else: their own). What was asked,
 * what served it and why, tokens, cost and timings; never content (the ledger has none).
 */
final class RequestsService implements HttpService {
    private final ManagementAuth auth;
    private final RequestLog log;

    RequestsService(ManagementAuth auth, RequestLog log) {
        this.auth = auth;
        this.log = log;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/requests", ManagementCall.of(this::list));
    }

    private void list(ServerRequest req, ServerResponse res) {
        var scope = auth.usageScope(auth.caller(req));
        PageParams params = PageParams.of(req.query());
        var page = log.latest(scope, params.limit(), params.before()).orElseThrow(() -> VaultErrors.badRequest(
                "'before' must be the id of a request in this listing.", "before"));
        JsonOut.send(res, 200, PageParams.json(page, page.items().stream().map(RequestsService::json).toList()));
    }

    private static ObjectNode json(LedgerEntry entry) {
        RequestRecord e = entry.request();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", e.requestId()).put("at", Timestamps.format(entry.at())).put("workspace_id", e.workspaceId())
                .put("user_id", e.userId()).put("key_id", e.keyId()).put("requested_model", e.requestedModel())
                .put("route", e.route()).put("provider", e.provider()).put("model", e.model())
                .put("credential_id", e.credentialId()).put("route_reason", e.routeReason())
                .put("guardrails", e.guardrails())
                .put("status", e.status()).put("outcome", e.outcome()).put("attempts", e.attempts())
                .put("streamed", e.streamed()).put("prompt_tokens", e.usage().promptTokens())
                .put("completion_tokens", e.usage().completionTokens()).put("cached_tokens", e.usage().cachedTokens())
                .put("reasoning_tokens", e.usage().reasoningTokens())
                .put("cost_usd", e.costMicros() == null ? null : BigDecimal.valueOf(e.costMicros(), 6))
                .put("estimated", e.estimated())
                .put("cache", e.cache() == null ? null : e.cache().status())
                .put("saved_usd", e.cache() == null ? null : BigDecimal.valueOf(e.cache().savedMicros(), 6))
                .put("cache_similarity", e.cache() == null ? null : e.cache().similarity())
                .put("latency_ms", BigDecimal.valueOf(e.latencyMicros(), 3))
                .put("ttft_ms", e.timeToFirstTokenMicros() == 0 ? null : BigDecimal.valueOf(e.timeToFirstTokenMicros(), 3));
        return o;
    }
}
