package io.keyroute.api.wire.responses;

/**
 * An assistant {@code message} item with one {@code output_text} part: content_part.added,
 * output_text.delta…, output_text.done, content_part.done. Shapes: {@link OutputItem}, and the
 * spec's ResponseContentPartAdded/DoneEvent and ResponseTextDelta/DoneEvent, which require logprobs
 * (openai-openapi openapi.yaml; openai-java 4.100.0 com.openai.models.responses).
 */
final class StreamedMessage extends StreamedItem {
    private static final int CONTENT_INDEX = 0;

    StreamedMessage(String id, int outputIndex) {
        super(id, outputIndex);
    }

    @Override
    protected OutputItem added() {
        return new OutputItem.Message(id, "in_progress", null);
    }

    @Override
    protected void openContent(SequencedEvents events) {
        part(events, "response.content_part.added", "");
    }

    @Override
    protected void delta(String delta, SequencedEvents events) {
        send(events, "response.output_text.delta", g -> {
            g.writeNumberField("content_index", CONTENT_INDEX);
            g.writeStringField("delta", delta);
            OutputItem.emptyArray(g, "logprobs");
        });
    }

    @Override
    protected void closeContent(SequencedEvents events) {
        String whole = text.toString();
        send(events, "response.output_text.done", g -> {
            g.writeNumberField("content_index", CONTENT_INDEX);
            g.writeStringField("text", whole);
            OutputItem.emptyArray(g, "logprobs");
        });
        part(events, "response.content_part.done", whole);
    }

    @Override
    protected OutputItem done(String status) {
        return new OutputItem.Message(id, status, text.toString());
    }

    private void part(SequencedEvents events, String type, String partText) {
        send(events, type, g -> {
            g.writeNumberField("content_index", CONTENT_INDEX);
            g.writeFieldName("part");
            OutputItem.outputText(g, partText);
        });
    }
}
