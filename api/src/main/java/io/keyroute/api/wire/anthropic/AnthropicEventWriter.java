package io.keyroute.api.wire.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.EventSink;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.canonical.StreamEventWriter;
import io.keyroute.api.wire.JsonFields;

/**
 * {@link StreamEvent}s → Anthropic's exact event sequence: message_start, ping, then per content
 * block content_block_start, content_block_delta (text_delta, input_json_delta, or a thinking
 * block's thinking_delta and signature_delta)…, content_block_stop; then message_delta (stop reason
 * and usage) and message_stop. Usage is split as Anthropic splits it: message_start carries the
 * prompt's counts (input, cache reads and writes) where the provider reported them as it started
 * (Anthropic's own message_start, Gemini's first chunk), which is why message_start waits for the
 * rest of the upstream event that started the stream ({@link #flush}); message_delta carries the
 * final counts, cumulative, the input's included. The stop reason and final usage are held until the
 * provider's stream ends, since OpenAI reports usage after the finish reason. A failure is an
 * {@code error} event. Reasoning is a thinking block, whose {@code signature} is empty at the start
 * as Anthropic streams it and stays so when no signature follows (another provider's reasoning;
 * {@link AnthropicRequestReader} reads an empty one as none).
 */
public final class AnthropicEventWriter implements StreamEventWriter {
    private final String fallbackModel;
    private boolean started;
    /** the provider's start (its id and model), held until the upstream event that carried it is over */
    private StreamEvent.Start pendingStart;
    private int blockIndex = -1;
    private boolean blockOpen;
    /** the open block's type (text, thinking, tool_use, redacted_thinking), or null when none is open */
    private String openType;
    /** the tool call index of the open tool_use block, or -1 when a text block (or none) is open */
    private int openToolCall = -1;
    private FinishReason finishReason;
    private String stopSequence;
    /** what the provider reported as it started (a partial report before message_start), for message_start */
    private Usage startUsage = Usage.NONE;
    private Usage usage = Usage.NONE;

    /** @param fallbackModel the model to name if the provider's stream does not */
    public AnthropicEventWriter(String fallbackModel) {
        this.fallbackModel = fallbackModel;
    }

    @Override
    public void write(StreamEvent event, EventSink sink) {
        switch (event) {
            case StreamEvent.Start s -> {
                if (!started && pendingStart == null) {
                    pendingStart = s;
                }
            }
            case StreamEvent.TextDelta t -> {
                start(sink);
                if (!"text".equals(openType)) {
                    open(sink, JsonFields.object().put("type", "text").put("text", ""), -1);
                }
                delta(sink, JsonFields.object().put("type", "text_delta").put("text", t.text()));
            }
            case StreamEvent.ToolCallStart c -> {
                start(sink);
                ObjectNode block = JsonFields.object().put("type", "tool_use")
                        .put("id", AnthropicResponseWriter.toolUseId(c.id())).put("name", c.name());
                block.putObject("input");
                open(sink, block, c.index());
            }
            case StreamEvent.ToolCallDelta d -> {
                if (blockOpen && openToolCall == d.index()) {
                    delta(sink, JsonFields.object().put("type", "input_json_delta").put("partial_json", d.argumentsJson()));
                }
            }
            case StreamEvent.ReasoningDelta r -> {
                if (r.text() != null && !r.text().isEmpty()) {
                    thinkingBlock(sink);
                    delta(sink, JsonFields.object().put("type", "thinking_delta").put("thinking", r.text()));
                }
            }
            case StreamEvent.ReasoningSignature sig -> {
                thinkingBlock(sink);
                delta(sink, JsonFields.object().put("type", "signature_delta").put("signature", sig.signature()));
                close(sink);
            }
            case StreamEvent.RedactedReasoning r -> {
                start(sink);
                open(sink, JsonFields.object().put("type", "redacted_thinking").put("data", r.data()), -1);
                close(sink);
            }
            case StreamEvent.Finish f -> {
                finishReason = f.reason();
                stopSequence = f.stopSequence();
            }
            case StreamEvent.UsageReport u -> {
                usage = u.usage();
                if (u.partial() && !started) {
                    startUsage = u.usage();
                }
            }
            case StreamEvent.End ignored -> {
                start(sink);
                close(sink);
                ObjectNode delta = JsonFields.object().put("type", "message_delta");
                delta.putObject("delta").put("stop_reason", AnthropicStopReasons.write(finishReason, stopSequence))
                        .put("stop_sequence", stopSequence);
                AnthropicStopReasons.writeUsage(delta.putObject("usage"), usage);
                sink.emit("message_delta", JsonFields.write(delta));
                sink.emit("message_stop", "{\"type\":\"message_stop\"}");
            }
            case StreamEvent.Error e -> sink.emit("error", JsonFields.write(AnthropicErrorWriter.node(e.type(), e.message())));
        }
    }

    @Override
    public void flush(EventSink sink) {
        if (pendingStart != null) {
            start(sink);
        }
    }

    /** message_start, once: with the provider's id and model when it named them, and the usage known so far. */
    private void start(EventSink sink) {
        if (started) {
            return;
        }
        started = true;
        String id = pendingStart == null ? null : pendingStart.id();
        String model = pendingStart == null ? null : pendingStart.model();
        pendingStart = null;
        ObjectNode root = JsonFields.object().put("type", "message_start");
        ObjectNode message = root.putObject("message");
        message.put("id", AnthropicResponseWriter.messageId(id));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model != null ? model : fallbackModel);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        AnthropicStopReasons.writeUsage(message.putObject("usage"), startUsage);
        sink.emit("message_start", JsonFields.write(root));
        sink.emit("ping", "{\"type\":\"ping\"}");
    }

    private void thinkingBlock(EventSink sink) {
        start(sink);
        if (!"thinking".equals(openType)) {
            open(sink, JsonFields.object().put("type", "thinking").put("thinking", "").put("signature", ""), -1);
        }
    }

    private void open(EventSink sink, ObjectNode block, int toolCall) {
        close(sink);
        blockIndex++;
        blockOpen = true;
        openType = block.path("type").asText();
        openToolCall = toolCall;
        ObjectNode e = JsonFields.object().put("type", "content_block_start").put("index", blockIndex);
        e.set("content_block", block);
        sink.emit("content_block_start", JsonFields.write(e));
    }

    private void delta(EventSink sink, ObjectNode delta) {
        ObjectNode e = JsonFields.object().put("type", "content_block_delta").put("index", blockIndex);
        e.set("delta", delta);
        sink.emit("content_block_delta", JsonFields.write(e));
    }

    private void close(EventSink sink) {
        if (blockOpen) {
            blockOpen = false;
            openType = null;
            sink.emit("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + blockIndex + "}");
        }
    }
}
