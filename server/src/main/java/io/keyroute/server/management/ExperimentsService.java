package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.server.experiments.ArmResult;
import io.keyroute.server.experiments.Experiment;
import io.keyroute.server.experiments.ExperimentResults;
import io.keyroute.server.experiments.Interval;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.usage.ArmTotals;
import io.keyroute.usage.UsageScope;
import io.keyroute.vault.common.VaultErrors;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /experiments} and {@code GET /experiments/{name}?from&to}: each configured A/B experiment's
 * arms (requests, errors and error rate, p50/p95 latency, tokens, cost per request, each rate and
 * mean with its 95% interval, and each arm against the first). The admin token sees every request, a
 * workspace admin their workspace's; anyone else is refused.
 */
final class ExperimentsService implements HttpService {
    private static final double MICROS_PER_USD = 1e6;

    private final ManagementAuth auth;
    private final Supplier<GatewayRuntime> runtimes;
    private final ExperimentResults results;

    ExperimentsService(ManagementAuth auth, Supplier<GatewayRuntime> runtimes, ExperimentResults results) {
        this.auth = auth;
        this.runtimes = runtimes;
        this.results = results;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/experiments", ManagementCall.of(this::list))
                .get("/experiments/{name}", ManagementCall.of(this::one));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Read read = read(req);
        JsonOut.send(res, 200, ManagementJson.list(runtimes.get().experiments().all().stream()
                .map(e -> json(e, read)).toList()));
    }

    private void one(ServerRequest req, ServerResponse res) {
        Read read = read(req);
        String name = req.path().pathParameters().get("name");
        Experiment experiment = runtimes.get().experiments().named(name)
                .orElseThrow(() -> VaultErrors.notFound("experiment", name));
        JsonOut.send(res, 200, json(experiment, read));
    }

    /** Whose requests over which range: checked before anything is looked up, so names cannot be probed. */
    private record Read(UsageScope scope, Instant from, Instant to) {
    }

    private Read read(ServerRequest req) {
        String workspace = auth.adminReadScope(auth.caller(req), "experiments");
        var query = req.query();
        return new Read(workspace == null ? UsageScope.ALL : UsageScope.workspace(workspace),
                QueryTimes.parse(query.first("from").asOptional(), "from", false).orElse(Instant.EPOCH),
                QueryTimes.parse(query.first("to").asOptional(), "to", true).orElse(QueryTimes.END_OF_TIME));
    }

    private ObjectNode json(Experiment experiment, Read read) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("name", experiment.name());
        node.put("route", experiment.route());
        node.put("confidence", 0.95);
        var arms = node.putArray("arms");
        for (ArmResult arm : results.of(experiment, read.from(), read.to(), read.scope())) {
            arms.add(json(arm));
        }
        return node;
    }

    private static ObjectNode json(ArmResult arm) {
        ArmTotals t = arm.totals();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("arm", arm.arm());
        if (arm.weight() == null) {
            node.putNull("weight"); // in the ledger, no longer in the config
        } else {
            node.put("weight", arm.weight());
        }
        node.put("requests", t.requests());
        node.put("errors", t.errors());
        interval(node, "error_rate", arm.errorRate(), 1);
        node.put("p50_ms", BigDecimal.valueOf(t.p50Micros(), 3));
        node.put("p95_ms", BigDecimal.valueOf(t.p95Micros(), 3));
        node.put("prompt_tokens", t.promptTokens());
        node.put("completion_tokens", t.completionTokens());
        node.put("cost_usd", BigDecimal.valueOf(t.costMicros(), 6));
        node.put("priced_requests", t.priced());
        interval(node, "cost_per_request_usd", arm.costPerRequest(), MICROS_PER_USD);
        arm.versusFirst().ifPresentOrElse(d -> {
            ObjectNode versus = node.putObject("versus_first");
            versus.put("arm", d.against());
            interval(versus, "error_rate_difference", d.errorRate(), 1);
            versus.put("error_rate", ArmResult.Difference.verdict(d.errorRate()));
            interval(versus, "cost_per_request_difference_usd", d.costPerRequest(), MICROS_PER_USD);
            versus.put("cost_per_request", ArmResult.Difference.verdict(d.costPerRequest()));
        }, () -> node.putNull("versus_first"));
        return node;
    }

    /** {@code {value, low, high}} divided by {@code unit}, or null when there is too little to say. */
    private static void interval(ObjectNode node, String field, Optional<Interval> interval, double unit) {
        interval.ifPresentOrElse(i -> {
            ObjectNode n = node.putObject(field);
            n.put("value", i.value() / unit);
            n.put("low", i.low() / unit);
            n.put("high", i.high() / unit);
        }, () -> node.putNull(field));
    }
}
