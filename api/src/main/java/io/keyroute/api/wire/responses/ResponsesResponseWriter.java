package io.keyroute.api.wire.responses;

import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link CanonicalResponse} → an OpenAI Responses {@code Response} object. The shape is the SDK's
 * {@code com.openai.models.responses.Response} (openai-java 4.100.0), with its output items
 * {@code ResponseOutputMessage} / {@code ResponseOutputText} and {@code ResponseFunctionToolCall},
 * and {@code ResponseUsage}; in openai/openai-openapi's {@code openapi.json} the schemas
 * {@code Response}, {@code OutputMessage}, {@code OutputTextContent}, {@code FunctionToolCall} and
 * {@code ResponseUsage}; the object's own fields are {@link ResponseObject}'s.
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
 * The items are {@link OutputItem}s, the same the stream's events carry, written with the object: no tree.
 */
public final class ResponsesResponseWriter {
    private ResponsesResponseWriter() {
    }

    /**
     * The Response object as UTF-8 bytes, written straight from the answer ({@link ResponseObject}).
     *
     * @param responseId the response's id ({@link ResponsesIds#response()}), also what it is stored under
     * @param createdAt  the {@code created_at} epoch seconds (the caller's clock)
     */
    public static byte[] write(CanonicalResponse res, ResponsesRequest req, String responseId, long createdAt) {
        return new ResponseObject(req, responseId, createdAt).bytes(stage(res, req));
    }

    /** The answer as the Response's stage: its status, model, output items and usage. */
    static ResponseObject.Stage stage(CanonicalResponse res, ResponsesRequest req) {
        String incomplete = incompleteReason(res.finishReason());
        String status = incomplete == null ? "completed" : "incomplete";
        List<OutputItem> output = new ArrayList<>();
        output(res, req.clientTools(), status, output);
        return new ResponseObject.Stage(res.model() == null ? req.model() : res.model(), status, incomplete, null,
                output, res.usage());
    }

    private static void output(CanonicalResponse res, ClientTools tools, String status, List<OutputItem> output) {
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
                case Part.RedactedReasoning r -> output.add(new OutputItem.Reasoning(ResponsesIds.reasoning(), null,
                        ReasoningContent.encode(r)));
                case Part.Text t -> text.append(t.text());
                case Part.ToolCall call -> output.add(OutputItem.toolCall(tools, "completed",
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
    private static void reasoning(StringBuilder reasoning, String encrypted, List<OutputItem> output) {
        if (reasoning.isEmpty() && encrypted == null) {
            return;
        }
        output.add(new OutputItem.Reasoning(ResponsesIds.reasoning(), reasoning.isEmpty() ? null : reasoning.toString(),
                encrypted));
        reasoning.setLength(0);
    }

    /** The text so far as one message item (none when there is none), and a fresh start. */
    private static void message(StringBuilder text, String status, List<OutputItem> output) {
        if (text.isEmpty()) {
            return;
        }
        output.add(new OutputItem.Message(ResponsesIds.message(), status, text.toString()));
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
}
