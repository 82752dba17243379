package io.keyroute.api.canonical;

import io.keyroute.api.Usage;
import io.keyroute.api.error.ErrorType;

/**
 * What happens in a streamed answer, in no provider's shape. A stream is: {@link Start}, then
 * reasoning, text and tool-call events, then {@link Finish}, {@link UsageReport} (when known) and
 * {@link End}; or an {@link Error} at any point, which ends it.
 */
@com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME, property = "type")
@com.fasterxml.jackson.annotation.JsonSubTypes({
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = StreamEvent.Start.class, name = "start"),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = StreamEvent.TextDelta.class, name = "text_delta"),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = StreamEvent.ReasoningDelta.class, name = "reasoning_delta"),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = StreamEvent.ReasoningSignature.class, name = "reasoning_signature"),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = StreamEvent.RedactedReasoning.class, name = "redacted_reasoning"),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = StreamEvent.ToolCallStart.class, name = "tool_call_start"),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = StreamEvent.ToolCallDelta.class, name = "tool_call_delta"),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = StreamEvent.Finish.class, name = "finish"),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = StreamEvent.UsageReport.class, name = "usage"),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = StreamEvent.End.class, name = "end"),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = StreamEvent.Error.class, name = "error")})
public sealed interface StreamEvent {

    record Start(String id, String model) implements StreamEvent {
    }

    record TextDelta(String text) implements StreamEvent {
    }

    /**
     * More of the model's reasoning as readable text (a summary or thinking), which comes before
     * the answer it leads to. A caller's format with no place for reasoning leaves it out.
     */
    record ReasoningDelta(String text) implements StreamEvent {
    }

    /**
     * The provider's signature over the reasoning streamed since the last signature (Anthropic's
     * {@code signature_delta}, which closes a thinking block): the streamed form of
     * {@link Part.Reasoning#signature()}.
     */
    record ReasoningSignature(String signature) implements StreamEvent {
    }

    /** A block of reasoning the provider redacted (Anthropic's redacted_thinking): {@link Part.RedactedReasoning} streamed. */
    record RedactedReasoning(String data) implements StreamEvent {
    }

    /** A tool call begins; {@code index} counts tool calls of this answer from 0. */
    record ToolCallStart(int index, String id, String name) implements StreamEvent {
    }

    /** More of the JSON arguments of tool call {@code index}. */
    record ToolCallDelta(int index, String argumentsJson) implements StreamEvent {
    }

    record Finish(FinishReason reason, String stopSequence) implements StreamEvent {
    }

    /**
     * Usage so far; a later report replaces an earlier one. {@code partial}: not the provider's
     * final count yet (Anthropic's message_start knows the input, not the output).
     */
    record UsageReport(Usage usage, boolean partial) implements StreamEvent {
        /** The provider's final count. */
        public UsageReport(Usage usage) {
            this(usage, false);
        }
    }

    /** The provider's end-of-stream marker. */
    record End() implements StreamEvent {
    }

    /** The provider reported a failure mid-stream; nothing follows. */
    record Error(ErrorType type, String message) implements StreamEvent {
    }
}
