package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code reasoning} item with one {@code summary_text} part: reasoning_summary_part.added,
 * reasoning_summary_text.delta…, reasoning_summary_text.done, reasoning_summary_part.done.
 * Shapes: {@link OutputItems}, and the spec's ResponseReasoningSummaryPart/Text Added/Delta/DoneEvent
 * (openai-openapi openapi.yaml; openai-java 4.100.0 com.openai.models.responses).
 */
final class StreamedReasoning extends StreamedItem {
    private static final int SUMMARY_INDEX = 0;

    StreamedReasoning(String id, int outputIndex) {
        super(id, outputIndex);
    }

    @Override
    protected ObjectNode added() {
        return OutputItems.reasoning(id, null);
    }

    @Override
    protected void openContent(SequencedEvents events) {
        ObjectNode added = summaryEvent("response.reasoning_summary_part.added");
        added.set("part", OutputItems.summaryText(""));
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
        partDone.set("part", OutputItems.summaryText(text.toString()));
        events.send(partDone);
    }

    /** A reasoning item has no status of its own in OpenAI's answers; the response's status says. */
    @Override
    protected ObjectNode done(String status) {
        return OutputItems.reasoning(id, text.toString());
    }

    private ObjectNode summaryEvent(String type) {
        return event(type).put("summary_index", SUMMARY_INDEX);
    }
}
