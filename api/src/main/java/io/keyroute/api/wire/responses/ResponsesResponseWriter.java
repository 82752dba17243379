package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.wire.JsonFields;

/**
 * {@link CanonicalResponse} → an OpenAI Responses {@code Response} object. The shape is the SDK's
 * {@code com.openai.models.responses.Response} (openai-java 4.100.0), with its output items
 * {@code ResponseOutputMessage} / {@code ResponseOutputText} and {@code ResponseFunctionToolCall},
 * and {@code ResponseUsage}; in openai/openai-openapi's {@code openapi.json} the schemas
 * {@code Response}, {@code OutputMessage}, {@code OutputTextContent}, {@code FunctionToolCall} and
 * {@code ResponseUsage}. Every key either marks required is written, nullable ones as null; the
 * request's settings are echoed as the caller sent them, as OpenAI does.
 *
 * <p>A length stop is {@code incomplete} with {@code incomplete_details.reason}
 * {@code max_output_tokens}, a provider's filter {@code content_filter}. Consecutive reasoning parts
 * are one {@code reasoning} item, its text the summary ({@code ReasoningItem}, {@code SummaryTextContent}),
 * up to and including a signed one, whose item carries the provider's block in {@code encrypted_content}
 * ({@link ReasoningContent}; always, not only when {@code include} asks, so a response kept for
 * {@code previous_response_id} keeps it too);
 * consecutive text parts one message item; each tool call is a {@code function_call} item whose
 * {@code call_id} is the provider's id, which the caller's {@code function_call_output} answers with
 * (a call of a custom or local_shell tool is that tool's item: {@link ClientTools}).
 * The items are {@link OutputItems}, the same the stream's events carry.
 */
public final class ResponsesResponseWriter {
    private ResponsesResponseWriter() {
    }

    /**
     * @param responseId the response's id ({@link ResponsesIds#response()}), also what it is stored under
     * @param createdAt  the {@code created_at} epoch seconds (the caller's clock)
     */
    public static ObjectNode write(CanonicalResponse res, ResponsesRequest req, String responseId, long createdAt) {
        String incomplete = incompleteReason(res.finishReason());
        String status = incomplete == null ? "completed" : "incomplete";
        ObjectNode root = envelope(req, responseId, createdAt, res.model() == null ? req.model() : res.model(), status);
        if (incomplete != null) {
            root.putObject("incomplete_details").put("reason", incomplete);
        }
        output(res, req.clientTools(), status, root.putArray("output"));
        root.set("usage", usage(res.usage()));
        return root;
    }

    /**
     * A response with no output yet and no usage, in {@code status}: what a stream's
     * {@code response.created} and {@code response.in_progress} carry.
     */
    public static ObjectNode envelope(ResponsesRequest req, String responseId, long createdAt, String model,
                                      String status) {
        JsonNode body = req.body();
        ObjectNode root = JsonFields.object();
        root.put("id", responseId);
        root.put("object", "response");
        root.put("created_at", createdAt);
        root.put("status", status);
        root.put("background", false);
        root.putNull("error");
        root.putNull("incomplete_details");
        root.set("instructions", echo(body, "instructions", null));
        root.set("max_output_tokens", echo(body, "max_output_tokens", null));
        root.put("model", model);
        root.putArray("output");
        root.set("parallel_tool_calls", echo(body, "parallel_tool_calls", root.booleanNode(true)));
        root.set("previous_response_id", echo(body, "previous_response_id", null));
        root.set("reasoning", echo(body, "reasoning", null));
        root.put("store", req.store());
        root.set("temperature", echo(body, "temperature", null));
        root.set("text", echo(body, "text", JsonFields.object().set("format", JsonFields.object().put("type", "text"))));
        root.set("tool_choice", echo(body, "tool_choice", root.textNode("auto")));
        root.set("tools", echo(body, "tools", root.arrayNode()));
        root.set("top_p", echo(body, "top_p", null));
        root.set("truncation", echo(body, "truncation", root.textNode("disabled")));
        root.putNull("usage");
        root.set("user", echo(body, "user", null));
        root.set("metadata", echo(body, "metadata", JsonFields.object()));
        return root;
    }

    /** {@code ResponseUsage}: the prompt's cached and cache-written parts, the answer's reasoning part. */
    public static ObjectNode usage(Usage usage) {
        ObjectNode out = JsonFields.object();
        out.put("input_tokens", usage.promptTokens());
        out.putObject("input_tokens_details")
                .put("cached_tokens", usage.cachedTokens())
                .put("cache_write_tokens", usage.cacheWriteTokens());
        out.put("output_tokens", usage.completionTokens());
        out.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        out.put("total_tokens", usage.totalTokens());
        return out;
    }

    private static void output(CanonicalResponse res, ClientTools tools, String status, ArrayNode output) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (Part part : res.content()) {
            // A run of reasoning or of text ends where another kind of part begins.
            if (!(part instanceof Part.Reasoning)) {
                reasoning(reasoning, null, output);
            }
            if (!(part instanceof Part.Text)) {
                message(text, status, output);
            }
            switch (part) {
                case Part.Reasoning r -> {
                    reasoning.append(r.text());
                    if (r.signature() != null) { // a signed block is an item of its own, to go back whole
                        reasoning(reasoning, ReasoningContent.encode(r), output);
                    }
                }
                case Part.RedactedReasoning r -> output.add(OutputItems.reasoning(ResponsesIds.reasoning(), null)
                        .put("encrypted_content", ReasoningContent.encode(r)));
                case Part.Text t -> text.append(t.text());
                case Part.ToolCall call -> output.add(OutputItems.toolCall(tools, "completed",
                        ResponsesIds.callId(call.id()), call.name(), call.arguments()));
                default -> {
                    // images, tool results: not in an answer
                }
            }
        }
        reasoning(reasoning, null, output);
        message(text, status, output);
    }

    /**
     * The reasoning so far as one reasoning item with it as the summary, and a fresh start; none
     * when there is neither text nor {@code encrypted} (a provider's signed block, {@link ReasoningContent}).
     */
    private static void reasoning(StringBuilder reasoning, String encrypted, ArrayNode output) {
        if (reasoning.isEmpty() && encrypted == null) {
            return;
        }
        ObjectNode item = OutputItems.reasoning(ResponsesIds.reasoning(), reasoning.isEmpty() ? null : reasoning.toString());
        if (encrypted != null) {
            item.put("encrypted_content", encrypted);
        }
        output.add(item);
        reasoning.setLength(0);
    }

    /** The text so far as one message item (none when there is none), and a fresh start. */
    private static void message(StringBuilder text, String status, ArrayNode output) {
        if (text.isEmpty()) {
            return;
        }
        output.add(OutputItems.message(ResponsesIds.message(), status, text.toString()));
        text.setLength(0);
    }

    /** {@code Response.IncompleteDetails.Reason}; null when the answer is complete. */
    static String incompleteReason(FinishReason reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case LENGTH -> "max_output_tokens";
            case CONTENT_FILTER -> "content_filter";
            case STOP, TOOL_CALLS -> null;
        };
    }

    /**
     * The request's value of {@code field} as sent: the caller's node itself, not a copy (the request is never
     * changed, and nothing changes what a Response echoes; a copy cost every Response its tools again), else
     * {@code otherwise} (null: JSON null).
     */
    private static JsonNode echo(JsonNode body, String field, JsonNode otherwise) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull()) {
            return value;
        }
        return otherwise == null ? NullNode.getInstance() : otherwise;
    }
}
