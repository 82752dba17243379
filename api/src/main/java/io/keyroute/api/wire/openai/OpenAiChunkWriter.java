package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.EventSink;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.canonical.StreamEventWriter;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.wire.JsonFields;

/**
 * {@link StreamEvent}s → OpenAI {@code chat.completion.chunk} events: a role chunk, content and
 * tool-call deltas, a finish chunk, the usage chunk (empty {@code choices}) when the caller asked
 * for it, then {@code [DONE]}. A mid-stream failure is an {@code {"error":…}} event. Reasoning is
 * {@code reasoning_content} deltas, as DeepSeek and vLLM stream it; signatures have no place here.
 */
public final class OpenAiChunkWriter implements StreamEventWriter {
    private final long created;
    private final boolean includeUsage;
    private String id = "chatcmpl-keyroute";
    private String model;
    private Usage usage;
    private boolean finished;

    /** @param includeUsage whether the caller asked for {@code stream_options.include_usage} */
    public OpenAiChunkWriter(long created, boolean includeUsage) {
        this.created = created;
        this.includeUsage = includeUsage;
    }

    @Override
    public void write(StreamEvent event, EventSink sink) {
        switch (event) {
            case StreamEvent.Start s -> {
                id = OpenAiIds.completionId(s.id());
                model = s.model();
                ObjectNode delta = JsonFields.object().put("role", "assistant").put("content", "");
                emit(sink, chunk(delta, null));
            }
            case StreamEvent.TextDelta t -> emit(sink, chunk(JsonFields.object().put("content", t.text()), null));
            case StreamEvent.ToolCallStart c -> {
                ObjectNode delta = JsonFields.object();
                ObjectNode call = delta.putArray("tool_calls").addObject();
                call.put("index", c.index()).put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", "");
                emit(sink, chunk(delta, null));
            }
            case StreamEvent.ToolCallDelta d -> {
                ObjectNode delta = JsonFields.object();
                ObjectNode call = delta.putArray("tool_calls").addObject();
                call.put("index", d.index());
                call.putObject("function").put("arguments", d.argumentsJson());
                emit(sink, chunk(delta, null));
            }
            case StreamEvent.ReasoningDelta r -> {
                if (r.text() != null && !r.text().isEmpty()) {
                    emit(sink, chunk(JsonFields.object().put("reasoning_content", r.text()), null));
                }
            }
            case StreamEvent.ReasoningSignature ignored -> {
                // only the provider that signed can check it, and a chat caller cannot send it back
            }
            case StreamEvent.RedactedReasoning ignored -> {
                // likewise
            }
            case StreamEvent.Finish f -> {
                finished = true;
                emit(sink, chunk(JsonFields.object(), OpenAiFinishReasons.write(f.reason())));
            }
            case StreamEvent.UsageReport u -> usage = u.usage();
            case StreamEvent.End ignored -> {
                if (!finished) {
                    emit(sink, chunk(JsonFields.object(), "stop"));
                }
                if (includeUsage && usage != null) {
                    ObjectNode last = base();
                    last.putArray("choices");
                    OpenAiFinishReasons.writeUsage(last.putObject("usage"), usage);
                    emit(sink, last);
                }
                sink.emit(null, "[DONE]");
            }
            case StreamEvent.Error e -> {
                ObjectNode error = JsonFields.object();
                ObjectNode inner = error.putObject("error");
                inner.put("message", e.message());
                inner.put("type", (e.type() == null ? ErrorType.UPSTREAM : e.type()).openAiType());
                inner.putNull("code");
                inner.putNull("param");
                emit(sink, error);
            }
        }
    }

    private ObjectNode base() {
        ObjectNode chunk = JsonFields.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = base();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static void emit(EventSink sink, ObjectNode chunk) {
        sink.emit(null, JsonFields.write(chunk));
    }
}
