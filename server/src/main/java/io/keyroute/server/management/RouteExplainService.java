package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.catalog.Capability;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.Skip;
import io.keyroute.routing.complexity.ChatBodyShape;
import io.keyroute.routing.complexity.Classification;
import io.keyroute.routing.complexity.RequestFeatures;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.http.exchange.RequestBodies;
import io.keyroute.server.inference.attempts.RequestRouter;
import io.keyroute.server.runtime.GatewayRuntime;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/route/explain {model, messages, …}}: the decision an inference request with
 * this body would get from this caller now (complexity and its features, tier, candidates with
 * cost estimates, what was skipped and why, the chosen model, the reason), without calling a
 * provider.
 */
public final class RouteExplainService implements HttpService {
    private final Supplier<GatewayRuntime> runtimes;
    private final ManagementCallers auth;
    private final RequestRouter router;

    public RouteExplainService(Supplier<GatewayRuntime> runtimes, ManagementCallers auth, RequestRouter router) {
        this.runtimes = runtimes;
        this.auth = auth;
        this.router = router;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/route/explain", this::explain);
    }

    private void explain(ServerRequest req, ServerResponse res) {
        try {
            Caller caller = auth.caller(req);
            GatewayRuntime runtime = runtimes.get();
            ChatRequest chat = OpenAiChatRequestReader.read(
                    RequestBodies.read(req, ManagementJson.MAX_BODY_BYTES));
            RouteDecision decision = router.decide(runtime, caller, chat.model(), ChatBodyShape.of(chat.body()),
                    req.headers().first(KeyrouteHeaders.CREDENTIAL));
            JsonOut.send(res, 200, json(decision));
        } catch (GatewayError e) {
            ErrorResponses.sendManagement(res, e);
        }
    }

    static ObjectNode json(RouteDecision d) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", d.requested());
        root.put("route", d.route());
        root.put("strategy", d.strategy());
        root.set("complexity", complexity(d.classification()));
        root.put("tier", d.tier() == null ? null : d.tier().configName());
        ObjectNode needs = root.putObject("needs");
        var caps = needs.putArray("capabilities");
        for (Capability c : Capability.values()) {
            if (d.needs().capabilities().contains(c)) {
                caps.add(c.configName());
            }
        }
        needs.put("prompt_tokens", d.needs().promptTokens());
        needs.put("expected_output_tokens", d.needs().expectedOutputTokens());
        var candidates = root.putArray("candidates");
        d.ordered().forEach(e -> {
            ObjectNode c = candidates.addObject();
            c.put("model", e.target().qualified());
            c.put("tier", e.tier() == null ? null : e.tier().configName());
            c.put("estimated_cost_usd", e.estimatedUsd());
        });
        var skipped = root.putArray("skipped");
        for (Skip s : d.skipped()) {
            ObjectNode o = skipped.addObject();
            o.put("model", s.target().qualified());
            o.put("reason", s.reason());
        }
        root.put("chosen", d.chosen().qualified());
        root.put("reason", d.reason());
        return root;
    }

    private static ObjectNode complexity(Classification c) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("level", c.complexity().name());
        node.put("score", c.score());
        RequestFeatures f = c.features();
        ObjectNode features = node.putObject("features");
        features.put("prompt_tokens", f.promptTokens());
        features.put("turns", f.turns());
        features.put("code_blocks", f.codeBlocks());
        features.put("math_signals", f.mathSignals());
        features.put("reasoning_cues", f.reasoningCues());
        features.put("tools", f.tools());
        features.put("images", f.images());
        features.put("requested_output_tokens", f.requestedOutputTokens());
        var deciding = node.putArray("deciding");
        c.deciding().forEach(deciding::add);
        return node;
    }
}
