package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.wire.JsonFields;

/**
 * A {@code reasoning} item with one {@code summary_text} part: reasoning_summary_part.added,
 * reasoning_summary_text.delta…, reasoning_summary_text.done, reasoning_summary_part.done.
 * Shapes: the spec's ReasoningItem, SummaryTextContent and ResponseReasoningSummaryPart/Text
 * Added/Delta/DoneEvent (openai-openapi openapi.yaml; openai-java 4.100.0 ResponseReasoningItem).
 */
final class StreamedReasoning extends StreamedItem {
    private static final int SUMMARY_INDEX = 0;

    StreamedReasoning(String id, int outputIndex) {
        super(id, outputIndex);
    }

    @Override
    protected ObjectNode added() {
        ObjectNode item = reasoning();
        item.putArray("summary");
        return item;
    }

    @Override
    protected void openContent(SequencedEvents events) {
        ObjectNode added = summaryEvent("response.reasoning_summary_part.added");
        added.set("part", part(""));
        events.send(added);
    }

    @Override
    protected ObjectNode delta(String delta) {
        return summaryEvent("response.reasoning_summary_text.delta").put("delta", delta);
    }

    @Override
    protected void closeContent(SequencedEvents events) {
        events.send(summaryEvent("response.reasoning_summary_text.done").put("text", text.toString()));
        ObjectNode partDone = summaryEvent("response.reasoning_summary_part.done");
        partDone.set("part", part(text.toString()));
        events.send(partDone);
    }

    /** A reasoning item has no status of its own in OpenAI's answers; the response's status says. */
    @Override
    protected ObjectNode done(String status) {
        ObjectNode item = reasoning();
        item.putArray("summary").add(part(text.toString()));
        return item;
    }

    private ObjectNode reasoning() {
        return JsonFields.object().put("id", id).put("type", "reasoning");
    }

    private ObjectNode summaryEvent(String type) {
        return event(type).put("summary_index", SUMMARY_INDEX);
    }

    private static ObjectNode part(String text) {
        return JsonFields.object().put("type", "summary_text").put("text", text);
    }
}
