package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.error.ClientError;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.usage.UsageGrouping;
import io.keyroute.usage.UsageReport;
import io.keyroute.usage.UsageRow;
import io.keyroute.usage.UsageScope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;

/**
 * {@code GET /usage?from&to&group_by=provider|model|user|key|day|hour|minute|workspace|route}: the admin token
 * sees every request, a workspace admin their workspace's, anyone else their own. Without
 * {@code group_by} the report is per provider. Each row also says how much of its prompt the providers
 * read from their prompt cache ({@code cached_tokens}, {@code cached_share} = cached / prompt tokens): per
 * route, how well prompt-cache-aware routing keeps their caches warm. {@code saved_usd} is what the answer cache
 * saved: the cost of the calls its hits replaced.
 */
final class UsageService implements HttpService {
    private final ManagementAuth auth;
    private final UsageReport report;

    UsageService(ManagementAuth auth, UsageReport report) {
        this.auth = auth;
        this.report = report;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/usage", ManagementCall.of(this::usage));
    }

    private void usage(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        UsageScope scope = auth.usageScope(caller);
        var query = req.query();
        Instant from = QueryTimes.parse(query.first("from").asOptional(), "from", false).orElse(Instant.EPOCH);
        Instant to = QueryTimes.parse(query.first("to").asOptional(), "to", true).orElse(QueryTimes.END_OF_TIME);
        String groupBy = query.first("group_by").orElse("provider");
        UsageGrouping grouping = UsageGrouping.of(groupBy).orElseThrow(() -> ClientError.badRequest("invalid_request",
                "'group_by' must be one of " + Arrays.stream(UsageGrouping.values()).map(UsageGrouping::wire).toList()
                        + ".", "group_by"));
        JsonOut.send(res, 200, ManagementJson.list(report.rows(from, to, scope, grouping).stream()
                .map(UsageService::json).toList()));
    }

    private static ObjectNode json(UsageRow row) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("group", row.group());
        node.put("requests", row.requests());
        node.put("prompt_tokens", row.promptTokens());
        node.put("completion_tokens", row.completionTokens());
        node.put("cost_usd", BigDecimal.valueOf(row.costMicros(), 6));
        node.put("errors", row.errors());
        node.put("p50_ms", BigDecimal.valueOf(row.p50Micros(), 3));
        node.put("p95_ms", BigDecimal.valueOf(row.p95Micros(), 3));
        node.put("cached_tokens", row.cachedTokens());
        node.put("cached_share", BigDecimal.valueOf(row.cachedShare()).setScale(4, RoundingMode.HALF_EVEN));
        node.put("saved_usd", BigDecimal.valueOf(row.savedMicros(), 6));
        return node;
    }
}
