package io.keyroute.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.routing.Target;
import io.keyroute.routing.catalog.Capability;
import io.keyroute.routing.catalog.ModelCatalog;
import io.keyroute.routing.catalog.ModelInfo;
import io.keyroute.routing.complexity.ComplexityClassifier;
import io.keyroute.routing.complexity.OpenAiChatShape;
import io.keyroute.server.runtime.GatewayRuntime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The catalog as a price list: {@code GET /api/v1/pricing}, {@code GET /api/v1/pricing/{provider}/{model}},
 * {@code POST /api/v1/pricing/estimate} and {@code GET /api/v1/pricing/compare}.
 */
final class PricingService implements HttpService {
    /** Completion tokens assumed by an estimate that names no {@code max_tokens}. */
    private static final int DEFAULT_COMPLETION_TOKENS = 500;

    private final Supplier<GatewayRuntime> runtimes;
    private final CallerAuth auth;

    PricingService(Supplier<GatewayRuntime> runtimes, CallerAuth auth) {
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
                auth.require(req);
                JsonOut.send(res, 200, endpoint.answer(req, runtimes.get().routing().catalog()));
            } catch (GatewayError e) {
                ErrorResponses.sendManagement(res, e);
            }
        };
    }

    private JsonNode list(ServerRequest req, ModelCatalog catalog) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", catalog.version());
        var data = root.putArray("data");
        catalog.all().forEach(m -> data.add(CatalogJson.model(m)));
        return root;
    }

    private JsonNode one(ServerRequest req, ModelCatalog catalog) {
        String id = req.path().path().substring(req.path().path().indexOf("/pricing/") + "/pricing/".length());
        return CatalogJson.model(find(catalog, id));
    }

    private JsonNode compare(ServerRequest req, ModelCatalog catalog) {
        var query = req.query();
        int prompt = intParam(query.first("prompt_tokens").orElse("1000"), "prompt_tokens");
        int completion = intParam(query.first("completion_tokens").orElse("" + DEFAULT_COMPLETION_TOKENS), "completion_tokens");
        List<Capability> needed = query.all("capability", List::of).stream()
                .flatMap(v -> Arrays.stream(v.split(","))).filter(v -> !v.isBlank())
                .map(v -> Capability.fromConfig(v.trim()).orElseThrow(() -> ClientError.badRequest("invalid_value",
                        "Unknown capability '" + HeaderText.safe(v) + "'.", "capability")))
                .toList();
        ObjectNode root = Json.MAPPER.createObjectNode();
        var data = root.putArray("data");
        catalog.all().stream()
                .filter(m -> m.capabilities().containsAll(needed) && m.costUsd(prompt, completion).isPresent())
                .sorted(Comparator.comparingDouble((ModelInfo m) -> m.costUsd(prompt, completion).getAsDouble())
                        .thenComparing(m -> m.target().qualified()))
                .forEach(m -> {
                    ObjectNode row = CatalogJson.model(m);
                    row.put("prompt_tokens", prompt);
                    row.put("completion_tokens", completion);
                    row.put("cost_usd", m.costUsd(prompt, completion).getAsDouble());
                    data.add(row);
                });
        return root;
    }

    private JsonNode estimate(ServerRequest req, ModelCatalog catalog) {
        ObjectNode body = OpenAiChatRequestReader.parseObject(
                RequestBodies.read(req, runtimes.get().config().server().maxRequestBytes()));
        String model = body.path("model").asText("");
        if (model.isBlank()) {
            throw ClientError.badRequest("missing_required_parameter", "'model' is required.", "model");
        }
        ModelInfo info = find(catalog, model);
        int prompt = body.has("prompt_tokens") ? body.get("prompt_tokens").asInt()
                : new ComplexityClassifier().classify(OpenAiChatShape.of(body)).features().promptTokens();
        int completion = body.path("max_tokens").asInt(DEFAULT_COMPLETION_TOKENS);
        OptionalDouble cost = info.costUsd(prompt, completion);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", info.target().qualified());
        root.put("prompt_tokens", prompt);
        root.put("completion_tokens", completion);
        root.put("input_usd_per_mtok", info.inputUsdPerMtok());
        root.put("output_usd_per_mtok", info.outputUsdPerMtok());
        if (cost.isPresent()) {
            root.put("estimated_cost_usd", cost.getAsDouble());
        } else {
            root.putNull("estimated_cost_usd");
        }
        return root;
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
