package io.keyroute.api.wire.responses;

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
        send(events, "response.output_item.added", added());
    }

    final void append(String delta, SequencedEvents events) {
        beforeDelta(events);
        text.append(delta);
        delta(delta, events);
    }

    /** Closes the content part and the item; returns the item as the response's output holds it. */
    final OutputItem close(String status, SequencedEvents events) {
        if (announcedWhenDone()) {
            announce(events);
        }
        closeContent(events);
        OutputItem item = done(status);
        send(events, "response.output_item.done", item);
        return item;
    }

    private void send(SequencedEvents events, String type, OutputItem item) {
        events.send(type, g -> {
            g.writeNumberField("output_index", outputIndex);
            g.writeFieldName("item");
            item.write(g);
        });
    }

    /** An event about this item's content: its type, {@code item_id} and {@code output_index}, then {@code fields}. */
    protected final void send(SequencedEvents events, String type, SequencedEvents.Fields fields) {
        events.send(type, g -> {
            g.writeStringField("item_id", id);
            g.writeNumberField("output_index", outputIndex);
            fields.write(g);
        });
    }

    /** The item as {@code response.output_item.added} shows it, before any delta. */
    protected abstract OutputItem added();

    /** Opens the item's content part; an item whose text is a field of its own (a call's arguments) has none. */
    protected void openContent(SequencedEvents events) {
    }

    /** Called before each delta is sent: an item whose content part opens with its first text opens it here. */
    protected void beforeDelta(SequencedEvents events) {
    }

    /** Sends the event that carries one more piece of the text; none for an item that sends its text whole, at its end. */
    protected void delta(String delta, SequencedEvents events) {
    }

    /** Whether {@code response.output_item.added} waits for the whole text, the item's shape being made of it. */
    protected boolean announcedWhenDone() {
        return false;
    }

    /** Closes the content part, or says the text whole; nothing for an item whose {@link #done} says it. */
    protected void closeContent(SequencedEvents events) {
    }

    /** The whole item, finished with {@code status} ({@code completed} or {@code incomplete}). */
    protected abstract OutputItem done(String status);
}
