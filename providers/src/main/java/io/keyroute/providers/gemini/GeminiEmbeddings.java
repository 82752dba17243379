package io.keyroute.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.EmbeddingsRequest;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.openai.OpenAiEmbeddingsRequestReader;
import io.keyroute.providers.ChatResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI Embeddings ↔ Gemini: one input is {@code embedContent}, several are
 * {@code batchEmbedContents}; {@code dimensions} is {@code outputDimensionality}. Gemini reports no
 * token counts for embeddings, so usage is estimated (4 characters a token) to be counted at all;
 * {@code encoding_format: base64} is honoured (little-endian float32, as OpenAI sends it).
 */
final class GeminiEmbeddings {
    private GeminiEmbeddings() {
    }

    static boolean batched(EmbeddingsRequest request) {
        return request.body().get("input").isArray();
    }

    static ObjectNode request(EmbeddingsRequest request, String model) {
        String name = model.startsWith(GeminiApi.MODELS_PREFIX) ? model : GeminiApi.MODELS_PREFIX + model;
        List<String> texts = OpenAiEmbeddingsRequestReader.texts(request);
        JsonNode dimensions = request.body().get("dimensions");
        if (!batched(request)) {
            return one(name, texts.getFirst(), dimensions);
        }
        ObjectNode body = JsonFields.object();
        ArrayNode requests = body.putArray("requests");
        texts.forEach(t -> requests.add(one(name, t, dimensions)));
        return body;
    }

    static ChatResult response(EmbeddingsRequest request, String model, byte[] body) {
        JsonNode root = JsonFields.parse(body);
        List<JsonNode> vectors = new ArrayList<>();
        if (root.has("embedding")) {
            vectors.add(root.path("embedding").path("values"));
        } else {
            root.path("embeddings").forEach(e -> vectors.add(e.path("values")));
        }
        boolean base64 = "base64".equals(request.body().path("encoding_format").asText());
        ObjectNode out = JsonFields.object().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                item.put("embedding", base64(vectors.get(i)));
            } else {
                item.set("embedding", vectors.get(i));
            }
        }
        out.put("model", model);
        long tokens = 0;
        for (String text : OpenAiEmbeddingsRequestReader.texts(request)) {
            tokens += Math.max(1, (text.length() + 3) / 4);
        }
        out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return new ChatResult(JsonFields.bytes(out), new Usage(tokens, 0, 0, 0));
    }

    private static ObjectNode one(String model, String text, JsonNode dimensions) {
        ObjectNode req = JsonFields.object().put("model", model);
        req.putObject("content").putArray("parts").addObject().put("text", text);
        if (dimensions != null && dimensions.isIntegralNumber()) {
            req.put("outputDimensionality", dimensions.intValue());
        }
        return req;
    }

    private static String base64(JsonNode values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(v -> buffer.putFloat((float) v.asDouble()));
        return Base64.getEncoder().encodeToString(buffer.array());
    }
}
