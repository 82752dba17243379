package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An assistant {@code message} item with one {@code output_text} part: content_part.added,
 * output_text.delta…, output_text.done, content_part.done. Shapes: {@link OutputItems}, and the
 * spec's ResponseContentPartAdded/DoneEvent and ResponseTextDelta/DoneEvent, which require logprobs
 * (openai-openapi openapi.yaml; openai-java 4.100.0 com.openai.models.responses).
 */
final class StreamedMessage extends StreamedItem {
    private static final int CONTENT_INDEX = 0;

    StreamedMessage(String id, int outputIndex) {
        super(id, outputIndex);
    }

    @Override
    protected ObjectNode added() {
        return OutputItems.message(id, "in_progress", null);
    }

    @Override
    protected void openContent(SequencedEvents events) {
        ObjectNode added = contentEvent("response.content_part.added");
        added.set("part", OutputItems.outputText(""));
        events.send(added);
    }

    @Override
    protected ObjectNode delta(String delta) {
        ObjectNode event = contentEvent("response.output_text.delta").put("delta", delta);
        event.putArray("logprobs");
        return event;
    }

    @Override
    protected void closeContent(SequencedEvents events) {
        ObjectNode textDone = contentEvent("response.output_text.done").put("text", text.toString());
        textDone.putArray("logprobs");
        events.send(textDone);
        ObjectNode partDone = contentEvent("response.content_part.done");
        partDone.set("part", OutputItems.outputText(text.toString()));
        events.send(partDone);
    }

    @Override
    protected ObjectNode done(String status) {
        return OutputItems.message(id, status, text.toString());
    }

    private ObjectNode contentEvent(String type) {
        return event(type).put("content_index", CONTENT_INDEX);
    }
}
