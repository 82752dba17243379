package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.replies.Wording;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** POST /v1/embeddings: deterministic unit vectors of each input ({@link TextVectors}: similar texts, close vectors), float or base64. */
final class EmbeddingsHandler {

    static final int DEFAULT_DIMENSIONS = 1536;

    private final Set<String> knownModels;

    EmbeddingsHandler(Set<String> knownModels) {
        this.knownModels = knownModels;
    }

    void handle(RecordedRequest req, ServerResponse res) {
        JsonNode body = RequestChecks.objectBody(req, res);
        if (body == null) {
            return;
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isEmpty()) {
            OpenAiResponses.error(res, 400, OpenAiErrors.MISSING_MODEL, "invalid_request_error", null, null);
            return;
        }
        if (RequestChecks.refusesModel(knownModels, model.asText(), res)) {
            return;
        }
        List<String> inputs = inputs(body.get("input"));
        if (inputs == null) {
            OpenAiResponses.error(res, 400, OpenAiErrors.missingParameter("input"), "invalid_request_error", "input",
                    "missing_required_parameter");
            return;
        }
        int dimensions = body.path("dimensions").asInt(DEFAULT_DIMENSIONS);
        boolean base64 = "base64".equals(body.path("encoding_format").asText("float"));

        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] v = TextVectors.of(inputs.get(i), dimensions);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float x : v) {
                    buf.putFloat(x);
                }
                item.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
            } else {
                ArrayNode arr = item.putArray("embedding");
                for (float x : v) {
                    arr.add(x);
                }
            }
            tokens += Wording.tokensForChars(inputs.get(i).length());
        }
        root.put("model", model.asText());
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        OpenAiResponses.json(res, 200, OpenAiWire.bytes(root), Map.of());
    }

    /** The same text always gives the same unit vector. */
    static float[] vector(String text, int dimensions) {
        long seed = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            seed = (seed ^ b) * 0x100000001b3L;
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm == 0 ? 1 : norm));
        for (int i = 0; i < dimensions; i++) {
            v[i] *= scale;
        }
        return v;
    }

    /** A string, an array of strings, an array of token ids or of token-id arrays; null if absent. */
    private static List<String> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            return null;
        }
        if (input.isTextual()) {
            return List.of(input.asText());
        }
        if (!input.isArray() || input.isEmpty()) {
            return null;
        }
        if (input.get(0).isNumber()) {
            return List.of(input.toString());
        }
        List<String> out = new ArrayList<>();
        input.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        return out;
    }
}
