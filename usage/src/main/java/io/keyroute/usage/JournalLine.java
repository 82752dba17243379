package io.keyroute.usage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * One {@link UsageEvent} as one journal line: a JSON object with the ledger's column names and a
 * format version, then a newline. Field names are spelled out (not derived from the record) so
 * that a journal written by one version is read by the next.
 */
final class JournalLine {
    private static final int VERSION = 1;

    private JournalLine() {
    }

    static byte[] encode(UsageEvent e) {
        var bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = Json.FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeNumberField("v", VERSION);
            g.writeStringField("request_id", e.requestId());
            g.writeStringField("at", e.at().toString());
            g.writeStringField("workspace_id", e.workspaceId());
            g.writeStringField("user_id", e.userId());
            g.writeStringField("key_id", e.keyId());
            g.writeStringField("credential_id", e.credentialId());
            g.writeStringField("requested_model", e.requestedModel());
            g.writeStringField("route", e.route());
            g.writeStringField("provider", e.provider());
            g.writeStringField("model", e.model());
            g.writeNumberField("status", e.status());
            g.writeStringField("outcome", e.outcome());
            g.writeNumberField("attempts", e.attempts());
            g.writeBooleanField("streamed", e.streamed());
            g.writeNumberField("prompt_tokens", e.usage().promptTokens());
            g.writeNumberField("completion_tokens", e.usage().completionTokens());
            g.writeNumberField("cached_tokens", e.usage().cachedTokens());
            g.writeNumberField("reasoning_tokens", e.usage().reasoningTokens());
            g.writeNumberField("cache_write_tokens", e.usage().cacheWriteTokens());
            g.writeNumberField("cache_write_1h_tokens", e.usage().cacheWrite1hTokens());
            if (e.costMicros() == null) {
                g.writeNullField("cost_micros");
            } else {
                g.writeNumberField("cost_micros", e.costMicros());
            }
            g.writeNumberField("latency_us", e.latencyMicros());
            g.writeNumberField("ttft_us", e.timeToFirstTokenMicros());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a memory buffer does not fail
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    /** The event on {@code length} bytes from {@code offset} (no newline), or empty if they are not one. */
    static Optional<UsageEvent> decode(byte[] buffer, int offset, int length) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(buffer, offset, length);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (n == null || n.path("v").asInt() != VERSION || text(n, "request_id") == null || text(n, "at") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UsageEvent(text(n, "request_id"), Instant.parse(text(n, "at")),
                    text(n, "workspace_id"), text(n, "user_id"), text(n, "key_id"), text(n, "credential_id"),
                    text(n, "requested_model"), text(n, "route"), text(n, "provider"), text(n, "model"),
                    n.path("status").asInt(), text(n, "outcome"), n.path("attempts").asInt(),
                    n.path("streamed").asBoolean(),
                    new Usage(n.path("prompt_tokens").asLong(), n.path("completion_tokens").asLong(),
                            n.path("cached_tokens").asLong(), n.path("reasoning_tokens").asLong(),
                            n.path("cache_write_tokens").asLong(), n.path("cache_write_1h_tokens").asLong()),
                    n.path("cost_micros").isNumber() ? n.path("cost_micros").asLong() : null,
                    n.path("latency_us").asLong(), n.path("ttft_us").asLong()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
