package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.FakeJson;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.Wording;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /v1/responses/input_tokens}: {@code {"object": "response.input_tokens", "input_tokens": N}}
 * by {@link Wording#countedTokens} over {@code instructions}, {@code input} and {@code tools}. As OpenAI,
 * every field is optional and a field the count does not take (openai-java's {@code InputTokenCountParams.Body}
 * has these) is an unknown parameter. A scripted error, when next, is answered instead.
 */
final class InputTokensHandler {
    private static final Set<String> FIELDS = Set.of("conversation", "input", "instructions", "model",
            "parallel_tool_calls", "personality", "previous_response_id", "reasoning", "text", "tool_choice", "tools",
            "truncation");

    private final Supplier<Reply> nextError;

    /** @param nextError the next scripted reply when it is an error, taken from the script; else null */
    InputTokensHandler(Supplier<Reply> nextError) {
        this.nextError = nextError;
    }

    void handle(RecordedRequest req, ServerResponse res) {
        Reply scripted = nextError.get();
        if (scripted != null) {
            OpenAiResponses.sendVerbatim(res, scripted);
            return;
        }
        JsonNode body = RequestChecks.objectBody(req, res);
        if (body == null) {
            return;
        }
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!FIELDS.contains(field)) {
                OpenAiResponses.error(res, 400, "Unknown parameter: '" + field + "'.", "invalid_request_error", field,
                        "unknown_parameter");
                return;
            }
        }
        long tokens = Wording.countedTokens(body.get("instructions"), body.get("input"), body.get("tools"));
        OpenAiResponses.json(res, 200, OpenAiWire.bytes(FakeJson.MAPPER.createObjectNode()
                .put("object", "response.input_tokens").put("input_tokens", tokens)), Map.of());
    }
}
