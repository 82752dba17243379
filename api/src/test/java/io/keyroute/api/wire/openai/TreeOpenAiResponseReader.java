package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.wire.JsonFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The reading of an OpenAI {@code chat.completion} as a Jackson tree, as {@link OpenAiResponseReader} read it before
 * it streamed the answer (session 15's code, unchanged): the oracle its property test holds the streaming reader to.
 */
final class TreeOpenAiResponseReader {
    private TreeOpenAiResponseReader() {
    }

    static CanonicalResponse read(byte[] body) {
        JsonNode root = JsonFields.parse(body);
        JsonNode choice = root.path("choices").path(0);
        JsonNode message = choice.path("message");
        List<Part> content = new ArrayList<>();
        String reasoning = message.path("reasoning_content").textValue();
        if (reasoning != null && !reasoning.isEmpty()) {
            content.add(Part.Reasoning.unsigned(reasoning));
        }
        String text = message.path("content").asText(null);
        if (text != null && !message.path("content").isNull()) {
            content.add(new Part.Text(text));
        } else if (message.path("refusal").isTextual()) {
            content.add(new Part.Text(message.path("refusal").asText()));
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode fn = call.path("function");
            content.add(new Part.ToolCall(call.path("id").asText(null), fn.path("name").asText(""),
                    fn.path("arguments").asText("{}")));
        }
        Usage usage = root.path("usage").isObject() ? OpenAiFinishReasons.readUsage(root.path("usage"))
                .onTier(OpenAiFinishReasons.servedTier(root.path("service_tier").textValue())) : Usage.NONE;
        return new CanonicalResponse(root.path("id").asText(null), root.path("model").asText(null), content,
                OpenAiFinishReasons.read(choice.path("finish_reason").asText(null)), null, usage);
    }
}
