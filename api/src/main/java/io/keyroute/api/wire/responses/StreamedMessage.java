package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.wire.JsonFields;

/**
 * An assistant {@code message} item with one {@code output_text} part: content_part.added,
 * output_text.delta…, output_text.done, content_part.done. Shapes: the spec's OutputMessage,
 * OutputTextContent, ResponseContentPartAdded/DoneEvent, ResponseTextDelta/DoneEvent
 * (openai-openapi openapi.yaml; openai-java 4.100.0 com.openai.models.responses
 * ResponseOutputMessage, ResponseOutputText, which require annotations; the events require logprobs).
 */
final class StreamedMessage extends StreamedItem {
    private static final int CONTENT_INDEX = 0;

    StreamedMessage(String id, int outputIndex) {
        super(id, outputIndex);
    }

    @Override
    protected ObjectNode added() {
        ObjectNode item = message("in_progress");
        item.putArray("content");
        return item;
    }

    @Override
    protected void openContent(SequencedEvents events) {
        ObjectNode added = contentEvent("response.content_part.added");
        added.set("part", part(""));
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
        partDone.set("part", part(text.toString()));
        events.send(partDone);
    }

    @Override
    protected ObjectNode done(String status) {
        ObjectNode item = message(status);
        item.putArray("content").add(part(text.toString()));
        return item;
    }

    private ObjectNode message(String status) {
        return JsonFields.object().put("id", id).put("type", "message").put("status", status).put("role", "assistant");
    }

    private ObjectNode contentEvent(String type) {
        return event(type).put("content_index", CONTENT_INDEX);
    }

    private static ObjectNode part(String text) {
        ObjectNode part = JsonFields.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }
}
