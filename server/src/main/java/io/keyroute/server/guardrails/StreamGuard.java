package io.keyroute.server.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.providers.sse.SseEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A streamed answer's guard: each event, in the caller's API shape, passes its text deltas through the
 * output checks ({@link StreamedText}, one per text of the answer) before the caller is sent it. A text's
 * end sends what was held back of it: in the finishing chunk's delta (Chat Completions), in a
 * {@code content_block_delta} added before {@code content_block_stop} (Messages), in an
 * {@code output_text.delta} added before {@code output_text.done} (Responses, whose later events are
 * renumbered after it, and whose events that repeat a whole text repeat what was sent). A refusal stops
 * the stream: {@link #refused} says why, and nothing of the refused text is sent.
 */
public final class StreamGuard {
    private final GuardrailRun run;
    private final WireFormat format;
    private final List<GuardrailStep> outputSteps;
    private final Map<String, StreamedText> texts = new HashMap<>();
    /** Events added to a Responses stream so far: each later event's sequence_number moves by this many. */
    private int added;
    private GatewayError refused;

    StreamGuard(GuardrailRun run, WireFormat format) {
        this.run = run;
        this.format = format;
        this.outputSteps = run.outputSteps();
    }

    /** The error the answer was refused with, or null while it passes. */
    public GatewayError refused() {
        return refused;
    }

    /** Sends {@code event} to {@code out} as checked (and any event added before it); nothing once refused. */
    public void pass(SseEvent event, Consumer<SseEvent> out) {
        if (refused != null) {
            return;
        }
        ObjectNode data = object(event.data());
        if (data == null) {
            out.accept(event); // [DONE], a keep-alive: no text
            return;
        }
        try {
            boolean changed = switch (format) {
                case OPENAI_CHAT -> chatChunk(data);
                case ANTHROPIC_MESSAGES -> messagesEvent(event.event(), data, out);
                case OPENAI_RESPONSES -> responsesEvent(data, out);
            };
            if (refused == null) {
                out.accept(changed ? new SseEvent(event.event(), JsonFields.write(data)) : event);
            }
        } catch (GatewayError error) {
            refused = error; // a step failing closed
        }
    }

    /** {@code choices[i].delta.content}; a choice's {@code finish_reason} ends its text. */
    private boolean chatChunk(ObjectNode chunk) {
        if (!(chunk.get("choices") instanceof ArrayNode choices)) {
            return false;
        }
        boolean changed = false;
        for (JsonNode element : choices) {
            if (!(element instanceof ObjectNode choice)) {
                continue;
            }
            String key = "choice:" + choice.path("index").asInt();
            JsonNode delta = choice.get("delta");
            if (delta instanceof ObjectNode d && d.get("content") != null && d.get("content").isTextual()) {
                changed |= replace(d, "content", text(key).accept(d.get("content").textValue()));
            }
            JsonNode finish = choice.get("finish_reason");
            if (finish != null && !finish.isNull() && texts.containsKey(key)) {
                String rest = texts.remove(key).flush();
                if (rest == null) {
                    return refuse();
                }
                if (!rest.isEmpty()) {
                    ObjectNode d = delta instanceof ObjectNode o ? o : choice.putObject("delta");
                    d.put("content", d.path("content").asText("") + rest);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** {@code content_block_delta} of a {@code text_delta}; {@code content_block_stop} ends the block's text. */
    private boolean messagesEvent(String name, ObjectNode data, Consumer<SseEvent> out) {
        String type = name != null ? name : data.path("type").asText();
        String key = "block:" + data.path("index").asInt();
        if ("content_block_delta".equals(type) && data.get("delta") instanceof ObjectNode delta
                && "text_delta".equals(delta.path("type").asText()) && delta.path("text").isTextual()) {
            return replace(delta, "text", text(key).accept(delta.get("text").textValue()));
        }
        if ("content_block_stop".equals(type) && texts.containsKey(key)) {
            String rest = texts.remove(key).flush();
            if (rest == null) {
                return refuse();
            }
            if (!rest.isEmpty()) {
                ObjectNode added = JsonFields.object();
                added.put("type", "content_block_delta");
                added.put("index", data.path("index").asInt());
                added.putObject("delta").put("type", "text_delta").put("text", rest);
                out.accept(new SseEvent("content_block_delta", JsonFields.write(added)));
            }
        }
        return false;
    }

    /**
     * {@code response.output_text.delta}; {@code response.output_text.done} ends the part's text; the events
     * after it that repeat whole texts ({@code content_part.done}, {@code output_item.done}, the final
     * response) repeat what was sent.
     */
    private boolean responsesEvent(ObjectNode data, Consumer<SseEvent> out) {
        String type = data.path("type").asText();
        boolean changed = renumber(data);
        String key = "part:" + data.path("output_index").asInt() + ":" + data.path("content_index").asInt();
        switch (type) {
            case "response.output_text.delta" -> {
                if (data.path("delta").isTextual()) {
                    changed |= replace(data, "delta", text(key).accept(data.get("delta").textValue()));
                }
            }
            case "response.output_text.done" -> {
                StreamedText text = texts.get(key);
                if (text != null) {
                    String rest = text.flush();
                    if (rest == null) {
                        return refuse();
                    }
                    if (!rest.isEmpty()) {
                        ObjectNode delta = data.deepCopy();
                        delta.put("type", "response.output_text.delta");
                        delta.remove(List.of("text", "logprobs"));
                        delta.put("delta", rest);
                        out.accept(new SseEvent("response.output_text.delta", JsonFields.write(delta)));
                        added++;
                        renumber(data, 1);
                    }
                    data.put("text", text.sent());
                    changed = true;
                }
            }
            case "response.content_part.done" -> {
                if (data.get("part") instanceof ObjectNode part) {
                    changed |= wholeText(part, data.path("output_index").asInt(), data.path("content_index").asInt());
                }
            }
            case "response.output_item.done" -> {
                if (data.get("item") instanceof ObjectNode item) {
                    changed |= item(item, data.path("output_index").asInt());
                }
            }
            case "response.completed", "response.incomplete" -> {
                if (data.path("response").get("output") instanceof ArrayNode output) {
                    for (int i = 0; i < output.size(); i++) {
                        if (output.get(i) instanceof ObjectNode item) {
                            changed |= item(item, i);
                        }
                    }
                }
            }
            default -> {
            }
        }
        return changed;
    }

    private boolean item(ObjectNode item, int outputIndex) {
        boolean changed = false;
        if (item.get("content") instanceof ArrayNode content) {
            for (int j = 0; j < content.size(); j++) {
                if (content.get(j) instanceof ObjectNode part) {
                    changed |= wholeText(part, outputIndex, j);
                }
            }
        }
        return changed;
    }

    /** A part's whole {@code text} as the caller was sent it, once its text has ended. */
    private boolean wholeText(ObjectNode part, int outputIndex, int contentIndex) {
        StreamedText text = texts.get("part:" + outputIndex + ":" + contentIndex);
        return text != null && part.path("text").isTextual() && replace(part, "text", text.sent());
    }

    private boolean renumber(ObjectNode data) {
        return added > 0 && renumber(data, added);
    }

    private static boolean renumber(ObjectNode data, int by) {
        JsonNode number = data.get("sequence_number");
        if (number == null || !number.canConvertToLong()) {
            return false;
        }
        data.put("sequence_number", number.asLong() + by);
        return true;
    }

    private StreamedText text(String key) {
        return texts.computeIfAbsent(key, k -> new StreamedText(run, outputSteps));
    }

    /** Sets {@code field} to {@code value}; a null value (a step refused) refuses the answer. */
    private boolean replace(ObjectNode node, String field, String value) {
        if (value == null) {
            return refuse();
        }
        if (value.equals(node.get(field).textValue())) {
            return false;
        }
        node.put(field, value);
        return true;
    }

    private boolean refuse() {
        if (refused == null) {
            refused = ClientError.guardrailBlocked(run.blockedBy());
        }
        return false;
    }

    private static ObjectNode object(String data) {
        if (data == null || data.isEmpty() || data.charAt(0) != '{') {
            return null;
        }
        try {
            return Json.MAPPER.readTree(data) instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }
}
