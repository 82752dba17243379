package io.keyroute.server.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.JsonBodies;
import io.keyroute.api.wire.ModelName;
import io.keyroute.catalog.Capability;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Target;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.http.exchange.HeaderText;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.server.http.exchange.RequestBodies;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.usage.CostCalculator;
import io.keyroute.usage.Price;
import io.keyroute.usage.tokens.OpenAiPrompt;
import io.keyroute.usage.tokens.TokenCount;
import io.keyroute.usage.tokens.TokenCounters;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The catalog as a price list: {@code GET /api/v1/pricing}, {@code GET /api/v1/pricing/{provider}/{model}},
 * {@code POST /api/v1/pricing/estimate} and {@code GET /api/v1/pricing/compare}.
 */
public final class PricingService implements HttpService {
    /** Completion tokens assumed by an estimate that names no {@code max_tokens}. */
    private static final int DEFAULT_COMPLETION_TOKENS = 500;

    private final Supplier<GatewayRuntime> runtimes;
    private final ManagementCallers auth;
    /** Estimates only, never the inference path: the first count of an encoding loads it (1–3 s). */
    private final TokenCounters counters = new TokenCounters();

    public PricingService(Supplier<GatewayRuntime> runtimes, ManagementCallers auth) {
        this.runtimes = runtimes;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/pricing", guarded(this::list))
                .get("/pricing/compare", guarded(this::compare))
                .post("/pricing/estimate", guarded(this::estimate))
                .get("/pricing/*", guarded(this::one));
    }

    private io.helidon.webserver.http.Handler guarded(Endpoint endpoint) {
        return (req, res) -> {
            try {
                auth.caller(req);
                JsonOut.send(res, 200, endpoint.answer(req, runtimes.get().routing().catalog()));
            } catch (GatewayError e) {
                ErrorResponses.sendManagement(res, e);
            }
        };
    }

    /** The catalog, only the models with every {@code capability} asked for (repeated or comma-separated). */
    private JsonNode list(ServerRequest req, ModelCatalog catalog) {
        List<Capability> needed = capabilities(req);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", catalog.version());
        var data = root.putArray("data");
        catalog.all().stream().filter(m -> m.capabilities().containsAll(needed))
                .forEach(m -> data.add(CatalogJson.model(m)));
        return root;
    }

    private static List<Capability> capabilities(ServerRequest req) {
        return req.query().all("capability", List::of).stream()
                .flatMap(v -> Arrays.stream(v.split(","))).filter(v -> !v.isBlank())
                .map(v -> Capability.fromConfig(v.trim()).orElseThrow(() -> ClientError.badRequest("invalid_value",
                        "Unknown capability '" + HeaderText.safe(v) + "'.", "capability")))
                .toList();
    }

    private JsonNode one(ServerRequest req, ModelCatalog catalog) {
        String id = req.path().path().substring(req.path().path().indexOf("/pricing/") + "/pricing/".length());
        return CatalogJson.model(find(catalog, id));
    }

    private JsonNode compare(ServerRequest req, ModelCatalog catalog) {
        var query = req.query();
        int prompt = intParam(query.first("prompt_tokens").orElse("1000"), "prompt_tokens");
        int completion = intParam(query.first("completion_tokens").orElse("" + DEFAULT_COMPLETION_TOKENS), "completion_tokens");
        List<Capability> needed = capabilities(req);
        ObjectNode root = Json.MAPPER.createObjectNode();
        var data = root.putArray("data");
        catalog.all().stream()
                .filter(m -> m.capabilities().containsAll(needed) && costMicros(m, prompt, completion).isPresent())
                .sorted(Comparator.comparingLong((ModelInfo m) -> costMicros(m, prompt, completion).getAsLong())
                        .thenComparing(m -> m.target().qualified()))
                .forEach(m -> {
                    ObjectNode row = CatalogJson.model(m);
                    row.put("prompt_tokens", prompt);
                    row.put("completion_tokens", completion);
                    putCost(row, "cost", costMicros(m, prompt, completion));
                    data.add(row);
                });
        return root;
    }

    /**
     * {@code messages} are counted with the model's tokenizer where Java has it (OpenAI models),
     * else approximated; the answer names which under {@code tokenizer} or {@code approximation}.
     * {@code prompt_tokens}, when given, is taken as it is.
     */
    private JsonNode estimate(ServerRequest req, ModelCatalog catalog) {
        ObjectNode body = JsonBodies.parseObject(
                RequestBodies.read(req, ManagementJson.MAX_BODY_BYTES));
        String model = body.path("model").asText("");
        if (model.isBlank()) {
            throw ClientError.badRequest("missing_required_parameter", "'model' is required.", "model");
        }
        ModelInfo info = find(catalog, ModelName.checked(model));
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", info.target().qualified());
        int prompt;
        if (body.has("prompt_tokens")) {
            prompt = intParam(body.get("prompt_tokens").asText(), "prompt_tokens");
        } else if (body.path("messages").isArray()) {
            TokenCount counted = counters.forModel(info.target().upstreamModel()).count(OpenAiPrompt.read(body));
            prompt = counted.tokens();
            root.put(counted.kind(), counted.method());
        } else {
            throw ClientError.badRequest("missing_required_parameter", "'messages' or 'prompt_tokens' is required.",
                    "messages");
        }
        String completionFrom = body.has("max_completion_tokens") ? "max_completion_tokens"
                : body.has("max_tokens") ? "max_tokens" : "default";
        int completion = completionFrom.equals("default") ? DEFAULT_COMPLETION_TOKENS
                : intParam(body.get(completionFrom).asText(), completionFrom);
        root.put("prompt_tokens", prompt);
        root.put("completion_tokens", completion);
        root.put("completion_tokens_from", completionFrom);
        root.put("input_usd_per_mtok", info.inputUsdPerMtok());
        root.put("output_usd_per_mtok", info.outputUsdPerMtok());
        putCost(root, "estimated_cost", costMicros(info, prompt, completion));
        return root;
    }

    /** Exact: catalog price × tokens rounded once to the micro-dollar, as usage bills it. */
    private static OptionalLong costMicros(ModelInfo model, int prompt, int completion) {
        return Price.of(model, prompt).map(price -> OptionalLong.of(CostCalculator.micros(price,
                new Usage(prompt, completion, 0, 0)))).orElse(OptionalLong.empty());
    }

    /** {@code <prefix>_usd} (a number with six decimals) and {@code <prefix>_micros}, or nulls when unpriced. */
    private static void putCost(ObjectNode node, String prefix, OptionalLong micros) {
        if (micros.isPresent()) {
            node.put(prefix + "_usd", BigDecimal.valueOf(micros.getAsLong(), 6));
            node.put(prefix + "_micros", micros.getAsLong());
        } else {
            node.putNull(prefix + "_usd");
            node.putNull(prefix + "_micros");
        }
    }

    /** {@code provider/model}, or a bare name only one catalog model has. */
    private static ModelInfo find(ModelCatalog catalog, String id) {
        Optional<ModelInfo> exact = id.indexOf('/') > 0 ? catalog.find(Target.parse(id)) : Optional.empty();
        if (exact.isPresent()) {
            return exact.get();
        }
        List<ModelInfo> bare = catalog.all().stream().filter(m -> m.target().upstreamModel().equals(id)).toList();
        if (bare.size() == 1) {
            return bare.getFirst();
        }
        throw ClientError.modelNotFound(id);
    }

    private static int intParam(String value, String name) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the 400
        }
        throw ClientError.badRequest("invalid_value", "'" + name + "' must be a whole number of 0 or more.", name);
    }

    @FunctionalInterface
    private interface Endpoint {
        JsonNode answer(ServerRequest req, ModelCatalog catalog);
    }
}
