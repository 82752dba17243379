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
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.routing.complexity.Classification;
import io.keyroute.routing.complexity.RequestFeatures;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.http.exchange.RequestBodies;
import io.keyroute.server.inference.attempts.PolicyCheck;
import io.keyroute.server.inference.attempts.RequestRouter;
import io.keyroute.server.policy.PolicyEvents;
import io.keyroute.server.runtime.GatewayRuntime;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/route/explain {model, messages, …}}: the decision an inference request with
 * this body would get from this caller now (complexity and its features, tier, candidates with
 * cost estimates, what was skipped and why, the chosen model, the reason) and the policy rule that
 * decided it ({@code policy}: its name and effect, {@code refused} when the request would be denied;
 * null when no rule matched), without calling a provider. A dry run: nothing is counted or audited.
 * Guardrails do not run here, so a rule over {@code guardrails} sees none.
 */
public final class RouteExplainService implements HttpService {
    private final Supplier<GatewayRuntime> runtimes;
    private final ManagementCallers auth;
    private final RequestRouter router;
    private final PolicyCheck policies;

    public RouteExplainService(Supplier<GatewayRuntime> runtimes, ManagementCallers auth, RequestRouter router,
                               PolicyCheck policies) {
        this.runtimes = runtimes;
        this.auth = auth;
        this.router = router;
        this.policies = policies;
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
            ChatShape shape = ChatBodyShape.of(chat.body());
            Optional<String> credentialId = req.headers().first(KeyrouteHeaders.CREDENTIAL);
            RouteDecision decision = router.decide(runtime, caller, chat.model(), shape, credentialId);
            var checked = policies.check(runtime, caller, shape, decision, credentialId, Map.of(), PolicyEvents.NONE);
            ObjectNode json = json(checked.decision());
            json.set("policy", policy(checked));
            JsonOut.send(res, 200, json);
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

    private static ObjectNode policy(PolicyCheck.Checked checked) {
        if (checked.match() == null) {
            return null;
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("rule", checked.match().rule());
        node.put("effect", checked.match().effect().configName());
        node.put("refused", checked.refused());
        node.put("evaluation_failed", checked.match().failed());
        return node;
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
