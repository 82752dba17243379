package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One output item of a streamed response, from {@code response.output_item.added} through its
 * deltas to {@code response.output_item.done}. It keeps only its own text so far, which its
 * {@code .done} events repeat whole.
 */
abstract sealed class StreamedItem permits StreamedMessage, StreamedFunctionCall, StreamedReasoning {
    protected final String id;
    protected final int outputIndex;
    protected final StringBuilder text = new StringBuilder();

    StreamedItem(String id, int outputIndex) {
        this.id = id;
        this.outputIndex = outputIndex;
    }

    /** Announces the item and opens its content part. */
    final void open(SequencedEvents events) {
        ObjectNode added = SequencedEvents.event("response.output_item.added").put("output_index", outputIndex);
        added.set("item", added());
        events.send(added);
        openContent(events);
    }

    final void append(String delta, SequencedEvents events) {
        beforeDelta(events);
        text.append(delta);
        events.send(delta(delta));
    }

    /** Closes the content part and the item; returns the item as the response's output holds it. */
    final ObjectNode close(String status, SequencedEvents events) {
        closeContent(events);
        ObjectNode item = done(status);
        ObjectNode done = SequencedEvents.event("response.output_item.done").put("output_index", outputIndex);
        done.set("item", item);
        events.send(done);
        return item;
    }

    /** An event about this item's content: its type, {@code item_id} and {@code output_index}. */
    protected final ObjectNode event(String type) {
        return SequencedEvents.event(type).put("item_id", id).put("output_index", outputIndex);
    }

    /** The item as {@code response.output_item.added} shows it, before any delta. */
    protected abstract ObjectNode added();

    protected abstract void openContent(SequencedEvents events);

    /** Called before each delta is sent: an item whose content part opens with its first text opens it here. */
    protected void beforeDelta(SequencedEvents events) {
    }

    /** The event that carries one more piece of the text. */
    protected abstract ObjectNode delta(String delta);

    protected abstract void closeContent(SequencedEvents events);

    /** The whole item, finished with {@code status} ({@code completed} or {@code incomplete}). */
    protected abstract ObjectNode done(String status);
}
