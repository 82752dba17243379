package io.keyroute.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.wire.JsonFields;
import java.util.ArrayList;
import java.util.List;

/** A Gemini {@code GenerateContentResponse} → {@link CanonicalResponse} (the first candidate; thought parts are reasoning). */
public final class GeminiResponseMapper {
    private GeminiResponseMapper() {
    }

    public static CanonicalResponse read(byte[] body) {
        JsonNode root = JsonFields.parse(body);
        JsonNode candidate = root.path("candidates").path(0);
        List<Part> content = new ArrayList<>();
        int calls = 0;
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.has("functionCall")) {
                JsonNode call = part.get("functionCall");
                content.add(new Part.ToolCall(GeminiWire.callId(call, calls++, part.path("thoughtSignature").asText(null)), call.path("name").asText(""),
                        GeminiWire.arguments(call)));
            } else if (part.has("text")) {
                String text = part.path("text").asText();
                if (!part.path("thought").asBoolean(false)) {
                    content.add(new Part.Text(text));
                } else if (!text.isEmpty()) {
                    content.add(Part.Reasoning.unsigned(text)); // a summary of the model's thinking
                }
            }
        }
        FinishReason finish = GeminiWire.finishReason(candidate.path("finishReason").asText(null), calls > 0);
        if (candidate.isMissingNode() && root.path("promptFeedback").has("blockReason")) {
            finish = FinishReason.CONTENT_FILTER;
        }
        Usage usage = root.has("usageMetadata") ? GeminiWire.usage(root.path("usageMetadata")) : Usage.NONE;
        return new CanonicalResponse(root.path("responseId").asText(null), root.path("modelVersion").asText(null),
                content, finish == null ? FinishReason.STOP : finish, null, usage);
    }
}
