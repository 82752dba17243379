package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.EmbeddingsRequest;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.ModelName;
import java.util.ArrayList;
import java.util.List;

/** Reads an OpenAI Embeddings request ({@code POST /v1/embeddings}), checking model and input. */
public final class OpenAiEmbeddingsRequestReader {
    private OpenAiEmbeddingsRequestReader() {
    }

    public static EmbeddingsRequest read(byte[] body) {
        SplicableBodies.Parsed parsed = SplicableBodies.parse(body);
        ObjectNode root = parsed.tree();
        CaseVariantKeys.refuse(root);
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ClientError.badRequest("missing_required_parameter",
                    "'model' is required and must be a non-empty string.", "model");
        }
        JsonNode input = root.get("input");
        if (input == null || input.isNull() || (input.isArray() && input.isEmpty())
                || (!input.isTextual() && !input.isArray())) {
            throw ClientError.badRequest("missing_required_parameter",
                    "'input' is required: a string or a non-empty array.", "input");
        }
        return new EmbeddingsRequest(root, ModelName.checked(model.asText()), parsed.raw());
    }

    /**
     * The input as texts, for providers that take only text; token-array inputs are a 400.
     */
    public static List<String> texts(EmbeddingsRequest request) {
        JsonNode input = request.body().get("input");
        if (input.isTextual()) {
            return List.of(input.asText());
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                throw ClientError.badRequest("invalid_value",
                        "This provider embeds text only: 'input' must be a string or an array of strings.", "input");
            }
            texts.add(item.asText());
        }
        return texts;
    }
}
