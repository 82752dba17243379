package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.ToolCall;
import io.keyroute.testkit.replies.Usage;
import io.keyroute.testkit.replies.Wording;

import java.util.ArrayList;
import java.util.List;

/**
 * The fake's answer to one Responses request, as one Response object or as the stream of events
 * that builds it: a reasoning item (where the reply has a summary), then the message or the function
 * calls. A finish reason {@code length} or {@code content_filter} makes the response incomplete.
 */
final class ResponsesAnswer {

    private final ResponsesWire.Head head;
    private final Reply reply;
    private final Usage usage;
    private final long sequence;
    private final long completedAt;
    private final String requestedTier;
    private final String servedTier;
    private final String incompleteReason;

    /** @param sequence this response's number, from which its item ids derive */
    ResponsesAnswer(ResponsesWire.Head head, Reply reply, Usage usage, long sequence, long completedAt) {
        this.head = head;
        this.reply = reply;
        this.usage = usage;
        this.sequence = sequence;
        this.completedAt = completedAt;
        this.requestedTier = head.request().path("service_tier").asText("auto");
        this.servedTier = reply.serviceTier() != null ? reply.serviceTier() : OpenAiWire.SERVICE_TIER;
        this.incompleteReason = switch (reply.effectiveFinishReason()) {
            case "length" -> "max_output_tokens";
            case "content_filter" -> "content_filter";
            default -> null;
        };
    }

    /** The final Response object (a non-streamed answer, a stored one, the last event's). */
    ObjectNode response() {
        ArrayNode output = JsonNodeFactory.instance.arrayNode();
        int index = 0;
        if (reply.reasoningSummary() != null) {
            output.add(ResponsesWire.reasoning(reasoningId(), reply.reasoningSummary()));
            index++;
        }
        if (reply.kind() == Reply.Kind.TOOL_CALLS) {
            for (ToolCall call : reply.toolCalls()) {
                output.add(ResponsesWire.functionCall(itemId("fc", index++), "completed", call, call.arguments()));
            }
        } else {
            output.add(ResponsesWire.message(itemId("msg", index), itemStatus(), reply.text()));
        }
        return ResponsesWire.response(head, incompleteReason == null ? "completed" : "incomplete",
                incompleteReason == null ? completedAt : null, incompleteReason, output, usage, servedTier);
    }

    /**
     * {@code response.created}, {@code response.in_progress}, each output item's events
     * ({@code output_item.added} ... {@code output_item.done}), then {@code response.completed} (or
     * {@code response.incomplete}), numbered from 0.
     */
    List<byte[]> events() {
        Events out = new Events();
        ObjectNode inProgress = ResponsesWire.response(head, "in_progress", null, null,
                JsonNodeFactory.instance.arrayNode(), null, requestedTier);
        out.add(out.next("response.created").set("response", inProgress));
        out.add(out.next("response.in_progress").set("response", inProgress));
        int index = 0;
        if (reply.reasoningSummary() != null) {
            reasoning(out, index++);
        }
        if (reply.kind() == Reply.Kind.TOOL_CALLS) {
            for (ToolCall call : reply.toolCalls()) {
                functionCall(out, index++, call);
            }
        } else {
            message(out, index);
        }
        String last = incompleteReason == null ? "response.completed" : "response.incomplete";
        out.add(out.next(last).set("response", response()));
        return out.events;
    }

    /** The {@code error} event sent in place of event {@code k} of a stream scripted to fail. */
    byte[] errorEvent(int k) {
        return ResponsesWire.sse(ResponsesWire.errorEvent(k, "server_error", reply.streamErrorMessage()));
    }

    private void reasoning(Events out, int index) {
        String id = reasoningId();
        String summary = reply.reasoningSummary();
        out.add(out.next("response.output_item.added").put("output_index", index)
                .set("item", ResponsesWire.reasoning(id, null)));
        out.add(out.next("response.reasoning_summary_part.added").put("item_id", id).put("output_index", index)
                .put("summary_index", 0).set("part", ResponsesWire.summaryText("")));
        for (String piece : Wording.chunks(summary)) {
            out.add(out.next("response.reasoning_summary_text.delta").put("item_id", id).put("output_index", index)
                    .put("summary_index", 0).put("delta", piece));
        }
        out.add(out.next("response.reasoning_summary_text.done").put("item_id", id).put("output_index", index)
                .put("summary_index", 0).put("text", summary));
        out.add(out.next("response.reasoning_summary_part.done").put("item_id", id).put("output_index", index)
                .put("summary_index", 0).set("part", ResponsesWire.summaryText(summary)));
        out.add(out.next("response.output_item.done").put("output_index", index)
                .set("item", ResponsesWire.reasoning(id, summary)));
    }

    private void message(Events out, int index) {
        String id = itemId("msg", index);
        out.add(out.next("response.output_item.added").put("output_index", index)
                .set("item", ResponsesWire.message(id, "in_progress", null)));
        out.add(out.next("response.content_part.added").put("item_id", id).put("output_index", index)
                .put("content_index", 0).set("part", ResponsesWire.outputText("")));
        for (String piece : reply.pieces()) {
            ObjectNode delta = out.next("response.output_text.delta").put("item_id", id).put("output_index", index)
                    .put("content_index", 0).put("delta", piece);
            delta.putArray("logprobs");
            out.add(delta);
        }
        ObjectNode done = out.next("response.output_text.done").put("item_id", id).put("output_index", index)
                .put("content_index", 0).put("text", reply.text());
        done.putArray("logprobs");
        out.add(done);
        out.add(out.next("response.content_part.done").put("item_id", id).put("output_index", index)
                .put("content_index", 0).set("part", ResponsesWire.outputText(reply.text())));
        out.add(out.next("response.output_item.done").put("output_index", index)
                .set("item", ResponsesWire.message(id, itemStatus(), reply.text())));
    }

    private void functionCall(Events out, int index, ToolCall call) {
        String id = itemId("fc", index);
        out.add(out.next("response.output_item.added").put("output_index", index)
                .set("item", ResponsesWire.functionCall(id, "in_progress", call, "")));
        for (String slice : Wording.slices(call.arguments(), ChatStream.ARGUMENT_SLICE)) {
            out.add(out.next("response.function_call_arguments.delta").put("item_id", id).put("output_index", index)
                    .put("delta", slice));
        }
        out.add(out.next("response.function_call_arguments.done").put("item_id", id).put("output_index", index)
                .put("name", call.name()).put("arguments", call.arguments()));
        out.add(out.next("response.output_item.done").put("output_index", index)
                .set("item", ResponsesWire.functionCall(id, "completed", call, call.arguments())));
    }

    private String reasoningId() {
        return itemId("rs", 0);
    }

    private String itemId(String prefix, int index) {
        return ResponsesWire.id(prefix, head.createdAt(), sequence, index);
    }

    private String itemStatus() {
        return incompleteReason == null ? "completed" : "incomplete";
    }

    /** The events so far and the next sequence number. */
    private static final class Events {
        private final List<byte[]> events = new ArrayList<>();
        private int sequenceNumber;

        ObjectNode next(String type) {
            return ResponsesWire.event(type, sequenceNumber++);
        }

        void add(ObjectNode event) {
            events.add(ResponsesWire.sse(event));
        }
    }
}
