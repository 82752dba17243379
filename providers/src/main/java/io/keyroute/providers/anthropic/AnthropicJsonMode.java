package io.keyroute.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.ResponseFormat;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.api.wire.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * OpenAI's {@code response_format} on Anthropic, which has no such field: the schema becomes a
 * tool the model is made to call ({@code tool_choice: tool}), and that call's input comes back
 * as the answer's text, whole or streamed (its {@code input_json_delta}s become text deltas), with
 * finish reason {@code stop}. The caller sees JSON text, as from OpenAI.
 */
final class AnthropicJsonMode {
    static final String TOOL = "json_response";

    private AnthropicJsonMode() {
    }

    static boolean applies(CanonicalRequest request) {
        ResponseFormat f = request.params().responseFormat();
        return f != null && f.kind() != ResponseFormat.Kind.TEXT;
    }

    /** Adds the answer tool, and forces it when the request has no tools of its own. */
    static void apply(CanonicalRequest request, ObjectNode body) {
        ResponseFormat f = request.params().responseFormat();
        JsonNode schema = f.kind() == ResponseFormat.Kind.JSON_SCHEMA && f.schema() != null
                ? f.schema() : JsonFields.object().put("type", "object");
        ArrayNode tools = body.has("tools") ? (ArrayNode) body.get("tools") : body.putArray("tools");
        ObjectNode tool = tools.addObject().put("name", TOOL)
                .put("description", "Give the answer as JSON" + (f.name() != null ? " (" + f.name() + ")" : "") + ".");
        tool.set("input_schema", schema);
        if (request.tools().isEmpty()) { // with tools of its own, the model may still call those first
            body.putObject("tool_choice").put("type", "tool").put("name", TOOL);
        }
    }

    static CanonicalResponse unwrap(CanonicalResponse response) {
        List<Part> content = new ArrayList<>();
        boolean answered = false;
        for (Part p : response.content()) {
            if (p instanceof Part.ToolCall c && TOOL.equals(c.name())) {
                content.add(new Part.Text(c.arguments()));
                answered = true;
            } else {
                content.add(p);
            }
        }
        FinishReason finish = answered && response.finishReason() == FinishReason.TOOL_CALLS
                ? FinishReason.STOP : response.finishReason();
        return new CanonicalResponse(response.id(), response.model(), content, finish, response.stopSequence(),
                response.usage());
    }

    /** A stream reader that turns the answer tool's call into text. */
    static StreamEventReader unwrap(StreamEventReader reader) {
        return new StreamEventReader() {
            private int answerCall = -1;

            @Override
            public void read(String event, String data, Consumer<StreamEvent> out) {
                reader.read(event, data, e -> {
                    switch (e) {
                        case StreamEvent.ToolCallStart s when TOOL.equals(s.name()) -> answerCall = s.index();
                        case StreamEvent.ToolCallDelta d when d.index() == answerCall ->
                                out.accept(new StreamEvent.TextDelta(d.argumentsJson()));
                        case StreamEvent.Finish f when answerCall >= 0 && f.reason() == FinishReason.TOOL_CALLS ->
                                out.accept(new StreamEvent.Finish(FinishReason.STOP, f.stopSequence()));
                        default -> out.accept(e);
                    }
                });
            }
        };
    }
}
