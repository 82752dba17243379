package io.keyroute.providers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A streamed chat answer as the caller (an OpenAI Chat client) receives it: the {@code data} of each
 * event the adapter's decoder wrote, every usage report, and whether the provider's end was seen.
 * Read back into what the stream said: its text, tool calls, finish reason and error.
 *
 * @param data     each event's data, in order ({@code [DONE]} included)
 * @param reports  each usage the decoder reported, in order
 * @param complete      whether the decoder saw the provider's end-of-stream marker or error event
 * @param reportedError the message of the provider's error event as the decoder reported it (the stream failed), or null
 */
public record StreamedAnswer(List<String> data, List<UsageReport> reports, boolean complete, String reportedError) {

    /** One usage report: {@code partial} while the provider has not given its final count. */
    public record UsageReport(Usage usage, boolean partial) {
    }

    /** One tool call put back together from its deltas. */
    record ToolCallDelta(String id, String name, String arguments) {
    }

    /**
     * A golden {@code <case>.chunks.jsonl}: OpenAI chunks, one data line each, then
     * {@code complete=true|false}; its usage chunk (if any) is the usage the decoder must report, and
     * its error chunk (if any) the error.
     */
    static StreamedAnswer golden(Path chunks) throws IOException {
        List<String> lines = Files.readAllLines(chunks);
        List<String> data = lines.subList(0, lines.size() - 1);
        List<UsageReport> reports = new ArrayList<>();
        String error = null;
        for (String line : data) {
            JsonNode chunk = line.startsWith("{") ? Json.MAPPER.readTree(line) : Json.MAPPER.missingNode();
            JsonNode usage = chunk.path("usage");
            error = chunk.has("error") ? chunk.path("error").path("message").asText() : error;
            if (usage.isObject()) {
                reports.add(new UsageReport(new Usage(usage.path("prompt_tokens").asLong(),
                        usage.path("completion_tokens").asLong(),
                        usage.path("prompt_tokens_details").path("cached_tokens").asLong(),
                        usage.path("completion_tokens_details").path("reasoning_tokens").asLong(),
                        usage.path("prompt_tokens_details").path("cache_write_tokens").asLong(), 0), false));
            }
        }
        return new StreamedAnswer(List.copyOf(data), List.copyOf(reports), lines.getLast().equals("complete=true"), error);
    }

    /** The content deltas joined. */
    String text() {
        StringBuilder text = new StringBuilder();
        chunks().forEach(c -> text.append(delta(c).path("content").asText("")));
        return text.toString();
    }

    /** The reasoning_content deltas joined. */
    String reasoning() {
        StringBuilder reasoning = new StringBuilder();
        chunks().forEach(c -> reasoning.append(delta(c).path("reasoning_content").asText("")));
        return reasoning.toString();
    }

    /** The last finish_reason any chunk gave, or null. */
    String finishReason() {
        String reason = null;
        for (JsonNode c : chunks()) {
            JsonNode r = c.path("choices").path(0).path("finish_reason");
            if (r.isTextual()) {
                reason = r.asText();
            }
        }
        return reason;
    }

    /** Tool calls by index: the first delta of each brings id and name, the rest slices of the arguments. */
    List<ToolCallDelta> toolCalls() {
        Map<Integer, String[]> calls = new TreeMap<>();
        for (JsonNode c : chunks()) {
            for (JsonNode call : delta(c).path("tool_calls")) {
                String[] acc = calls.computeIfAbsent(call.path("index").asInt(), i -> new String[] {null, null, ""});
                if (call.hasNonNull("id")) {
                    acc[0] = call.get("id").asText();
                }
                if (call.path("function").hasNonNull("name")) {
                    acc[1] = call.path("function").get("name").asText();
                }
                acc[2] += call.path("function").path("arguments").asText("");
            }
        }
        return calls.values().stream().map(a -> new ToolCallDelta(a[0], a[1], a[2])).toList();
    }

    /** The usage object of the caller's usage chunk (the last that has one), or a missing node. */
    JsonNode callersUsage() {
        return json().stream().map(n -> n.path("usage")).filter(JsonNode::isObject).reduce((a, b) -> b)
                .orElse(Json.MAPPER.missingNode());
    }

    /** The message of an in-stream {@code {"error":…}} event, or null. */
    String errorMessage() {
        return json().stream().filter(n -> n.has("error")).map(n -> n.path("error").path("message").asText())
                .findFirst().orElse(null);
    }

    /** The last final (not partial) usage report, or null. */
    Usage finalUsage() {
        return reports.stream().filter(r -> !r.partial()).map(UsageReport::usage).reduce((a, b) -> b).orElse(null);
    }

    private List<JsonNode> chunks() {
        return json().stream().filter(n -> n.has("choices")).toList();
    }

    private List<JsonNode> json() {
        List<JsonNode> nodes = new ArrayList<>();
        for (String d : data) {
            if (!d.equals("[DONE]")) {
                try {
                    nodes.add(Json.MAPPER.readTree(d));
                } catch (IOException e) {
                    throw new UncheckedIOException("an event that is not JSON: " + d, e);
                }
            }
        }
        return nodes;
    }

    private static JsonNode delta(JsonNode chunk) {
        return chunk.path("choices").path(0).path("delta");
    }
}
