package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One output item of a streamed response, from {@code response.output_item.added} through its
 * deltas to {@code response.output_item.done}. It keeps only its own text so far, which its
 * {@code .done} events repeat whole. An item whose shape needs its whole text (a local shell call's
 * action) is announced when it is done.
 */
abstract sealed class StreamedItem
        permits StreamedMessage, StreamedFunctionCall, StreamedCustomToolCall, StreamedLocalShellCall, StreamedReasoning {
    protected final String id;
    protected final int outputIndex;
    protected final StringBuilder text = new StringBuilder();

    StreamedItem(String id, int outputIndex) {
        this.id = id;
        this.outputIndex = outputIndex;
    }

    /** Announces the item and opens its content part, unless it is announced when done. */
    final void open(SequencedEvents events) {
        if (!announcedWhenDone()) {
            announce(events);
            openContent(events);
        }
    }

    private void announce(SequencedEvents events) {
        ObjectNode added = SequencedEvents.event("response.output_item.added").put("output_index", outputIndex);
        added.set("item", added());
        events.send(added);
    }

    final void append(String delta, SequencedEvents events) {
        beforeDelta(events);
        text.append(delta);
        ObjectNode event = delta(delta);
        if (event != null) {
            events.send(event);
        }
    }

    /** Closes the content part and the item; returns the item as the response's output holds it. */
    final ObjectNode close(String status, SequencedEvents events) {
        if (announcedWhenDone()) {
            announce(events);
        }
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

    /** Opens the item's content part; an item whose text is a field of its own (a call's arguments) has none. */
    protected void openContent(SequencedEvents events) {
    }

    /** Called before each delta is sent: an item whose content part opens with its first text opens it here. */
    protected void beforeDelta(SequencedEvents events) {
    }

    /** The event that carries one more piece of the text; null when the item sends its text whole, at its end. */
    protected abstract ObjectNode delta(String delta);

    /** Whether {@code response.output_item.added} waits for the whole text, the item's shape being made of it. */
    protected boolean announcedWhenDone() {
        return false;
    }

    /** Closes the content part, or says the text whole; nothing for an item whose {@link #done} says it. */
    protected void closeContent(SequencedEvents events) {
    }

    /** The whole item, finished with {@code status} ({@code completed} or {@code incomplete}). */
    protected abstract ObjectNode done(String status);
}
