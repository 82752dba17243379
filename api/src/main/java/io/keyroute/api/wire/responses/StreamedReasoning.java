package io.keyroute.api.wire.responses;

import io.keyroute.api.canonical.Part;

/**
 * A {@code reasoning} item with one {@code summary_text} part: reasoning_summary_part.added,
 * reasoning_summary_text.delta…, reasoning_summary_text.done, reasoning_summary_part.done. The part
 * opens with the first text, so an item without any (a redacted block, a signature over nothing
 * shown) has an empty summary; a provider's signed block is the done item's {@code encrypted_content}
 * ({@link ReasoningContent}).
 * Shapes: {@link OutputItem}, and the spec's ResponseReasoningSummaryPart/Text Added/Delta/DoneEvent
 * (openai-openapi openapi.yaml; openai-java 4.100.0 com.openai.models.responses).
 */
final class StreamedReasoning extends StreamedItem {
    private static final int SUMMARY_INDEX = 0;
    private boolean summaryOpen;
    private String encrypted;

    StreamedReasoning(String id, int outputIndex) {
        super(id, outputIndex);
    }

    @Override
    protected OutputItem added() {
        return new OutputItem.Reasoning(id, null, null);
    }

    /** The item ends with the provider's signature over its text (Anthropic's signature_delta). */
    void sign(String signature) {
        encrypted = ReasoningContent.encode(new Part.Reasoning(text.toString(), signature));
    }

    /** The item is a block the provider redacted: nothing to read, only to send back. */
    void redacted(String data) {
        encrypted = ReasoningContent.encode(new Part.RedactedReasoning(data));
    }

    @Override
    protected void openContent(SequencedEvents events) {
        // the summary part opens with the first text
    }

    @Override
    protected void beforeDelta(SequencedEvents events) {
        if (!summaryOpen) {
            summaryOpen = true;
            part(events, "response.reasoning_summary_part.added", "");
        }
    }

    @Override
    protected void delta(String delta, SequencedEvents events) {
        send(events, "response.reasoning_summary_text.delta", g -> {
            g.writeNumberField("summary_index", SUMMARY_INDEX);
            g.writeStringField("delta", delta);
        });
    }

    @Override
    protected void closeContent(SequencedEvents events) {
        if (!summaryOpen) {
            return;
        }
        String whole = text.toString();
        send(events, "response.reasoning_summary_text.done", g -> {
            g.writeNumberField("summary_index", SUMMARY_INDEX);
            g.writeStringField("text", whole);
        });
        part(events, "response.reasoning_summary_part.done", whole);
    }

    /** A reasoning item has no status of its own in OpenAI's answers; the response's status says. */
    @Override
    protected OutputItem done(String status) {
        return new OutputItem.Reasoning(id, summaryOpen ? text.toString() : null, encrypted);
    }

    private void part(SequencedEvents events, String type, String partText) {
        send(events, type, g -> {
            g.writeNumberField("summary_index", SUMMARY_INDEX);
            g.writeFieldName("part");
            OutputItem.summaryText(g, partText);
        });
    }
}
