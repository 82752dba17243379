package io.keyroute.usage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * One {@link LedgerEntry} as one journal line: a JSON object with the ledger's column names and a
 * format version, then a newline. Field names are spelled out (not derived from the record) so
 * that a journal written by one version is read by the next. Encoding runs once per request on
 * the request's own thread, so it is kept cheap: field names are encoded once (Jackson copies
 * their bytes), and the time is a number ({@code at_ns}, version 2) rather than ISO text, whose
 * formatting cost more than all the other fields together. Version 1 lines (ISO {@code at}) are
 * still read.
 */
final class JournalLine {
    private static final int VERSION = 2;
    private static final int ISO_TIME_VERSION = 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Room for a typical line (≈ 600 bytes with real ids) without growing the buffer on the way. */
    private static final int LINE_BYTES = 1024;

    private static final SerializedString V = new SerializedString("v");
    private static final SerializedString REQUEST_ID = new SerializedString("request_id");
    private static final SerializedString AT_NS = new SerializedString("at_ns");
    private static final SerializedString WORKSPACE_ID = new SerializedString("workspace_id");
    private static final SerializedString USER_ID = new SerializedString("user_id");
    private static final SerializedString KEY_ID = new SerializedString("key_id");
    private static final SerializedString CREDENTIAL_ID = new SerializedString("credential_id");
    private static final SerializedString REQUESTED_MODEL = new SerializedString("requested_model");
    private static final SerializedString ROUTE = new SerializedString("route");
    private static final SerializedString PROVIDER = new SerializedString("provider");
    private static final SerializedString MODEL = new SerializedString("model");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString OUTCOME = new SerializedString("outcome");
    private static final SerializedString ATTEMPTS = new SerializedString("attempts");
    private static final SerializedString STREAMED = new SerializedString("streamed");
    private static final SerializedString PROMPT_TOKENS = new SerializedString("prompt_tokens");
    private static final SerializedString COMPLETION_TOKENS = new SerializedString("completion_tokens");
    private static final SerializedString CACHED_TOKENS = new SerializedString("cached_tokens");
    private static final SerializedString REASONING_TOKENS = new SerializedString("reasoning_tokens");
    private static final SerializedString CACHE_WRITE_TOKENS = new SerializedString("cache_write_tokens");
    private static final SerializedString CACHE_WRITE_1H_TOKENS = new SerializedString("cache_write_1h_tokens");
    private static final SerializedString COST_MICROS = new SerializedString("cost_micros");
    private static final SerializedString LATENCY_US = new SerializedString("latency_us");
    private static final SerializedString TTFT_US = new SerializedString("ttft_us");
    private static final SerializedString ESTIMATED = new SerializedString("estimated");
    private static final SerializedString ROUTE_REASON = new SerializedString("route_reason");
    private static final SerializedString GUARDRAILS = new SerializedString("guardrails");
    private static final SerializedString EXPERIMENT = new SerializedString("experiment");
    private static final SerializedString EXPERIMENT_ARM = new SerializedString("experiment_arm");
    private static final SerializedString CACHE_STATUS = new SerializedString("cache_status");
    private static final SerializedString SAVED_MICROS = new SerializedString("saved_micros");
    private static final SerializedString CACHE_SIMILARITY = new SerializedString("cache_similarity");

    private JournalLine() {
    }

    /** Times from 1970 to 2262 fit {@code at_ns}: epoch nanoseconds in a long. */
    static byte[] encode(LedgerEntry entry) {
        RequestRecord e = entry.request();
        Instant at = entry.at();
        var bytes = new ByteArrayOutputStream(LINE_BYTES);
        try (JsonGenerator g = Json.FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            number(g, V, VERSION);
            string(g, REQUEST_ID, e.requestId());
            number(g, AT_NS, Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS_PER_SECOND), at.getNano()));
            string(g, WORKSPACE_ID, e.workspaceId());
            string(g, USER_ID, e.userId());
            string(g, KEY_ID, e.keyId());
            string(g, CREDENTIAL_ID, e.credentialId());
            string(g, REQUESTED_MODEL, e.requestedModel());
            string(g, ROUTE, e.route());
            string(g, PROVIDER, e.provider());
            string(g, MODEL, e.model());
            number(g, STATUS, e.status());
            string(g, OUTCOME, e.outcome());
            number(g, ATTEMPTS, e.attempts());
            g.writeFieldName(STREAMED);
            g.writeBoolean(e.streamed());
            number(g, PROMPT_TOKENS, e.usage().promptTokens());
            number(g, COMPLETION_TOKENS, e.usage().completionTokens());
            number(g, CACHED_TOKENS, e.usage().cachedTokens());
            number(g, REASONING_TOKENS, e.usage().reasoningTokens());
            number(g, CACHE_WRITE_TOKENS, e.usage().cacheWriteTokens());
            number(g, CACHE_WRITE_1H_TOKENS, e.usage().cacheWrite1hTokens());
            g.writeFieldName(COST_MICROS);
            if (e.costMicros() == null) {
                g.writeNull();
            } else {
                g.writeNumber(e.costMicros());
            }
            number(g, LATENCY_US, e.latencyMicros());
            number(g, TTFT_US, e.timeToFirstTokenMicros());
            string(g, ROUTE_REASON, e.routeReason());
            if (e.guardrails() != null) { // absent reads as null, as in lines written before it existed
                string(g, GUARDRAILS, e.guardrails());
            }
            if (e.experiment() != null) { // absent reads as null, as in lines written before it existed
                string(g, EXPERIMENT, e.experiment());
                string(g, EXPERIMENT_ARM, e.experimentArm());
            }
            if (e.cache() != null) { // absent reads as null, as in lines written before it existed
                string(g, CACHE_STATUS, e.cache().status());
                number(g, SAVED_MICROS, e.cache().savedMicros());
                if (e.cache().similarity() != null) {
                    g.writeFieldName(CACHE_SIMILARITY);
                    g.writeNumber(e.cache().similarity());
                }
            }
            if (e.estimated()) { // absent reads as false, as in lines written before it existed
                g.writeFieldName(ESTIMATED);
                g.writeBoolean(true);
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a memory buffer does not fail
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void string(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void number(JsonGenerator g, SerializedString name, long value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    /** The entry on {@code length} bytes from {@code offset} (no newline), or empty if they are not one. */
    static Optional<LedgerEntry> decode(byte[] buffer, int offset, int length) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(buffer, offset, length);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (n == null || text(n, "request_id") == null) {
            return Optional.empty();
        }
        try {
            Instant at = switch (n.path("v").asInt()) {
                case VERSION -> n.path("at_ns").isIntegralNumber()
                        ? Instant.ofEpochSecond(0, n.path("at_ns").asLong()) : null;
                case ISO_TIME_VERSION -> text(n, "at") == null ? null : Instant.parse(text(n, "at"));
                default -> null;
            };
            if (at == null) {
                return Optional.empty();
            }
            return Optional.of(new LedgerEntry(at, new RequestRecord(text(n, "request_id"), text(n, "key_id"),
                    text(n, "user_id"), text(n, "workspace_id"), text(n, "credential_id"), text(n, "requested_model"),
                    text(n, "route"), text(n, "provider"), text(n, "model"), n.path("status").asInt(),
                    n.path("attempts").asInt(), n.path("streamed").asBoolean(),
                    new Usage(n.path("prompt_tokens").asLong(), n.path("completion_tokens").asLong(),
                            n.path("cached_tokens").asLong(), n.path("reasoning_tokens").asLong(),
                            n.path("cache_write_tokens").asLong(), n.path("cache_write_1h_tokens").asLong()),
                    n.path("cost_micros").isNumber() ? n.path("cost_micros").asLong() : null,
                    n.path("latency_us").asLong(), n.path("ttft_us").asLong(), text(n, "outcome"),
                    n.path("estimated").asBoolean(), text(n, "route_reason"), null, text(n, "guardrails"), cacheUse(n),
                    text(n, "experiment"), text(n, "experiment_arm"))));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static CacheUse cacheUse(JsonNode n) {
        return text(n, "cache_status") == null ? null : new CacheUse(text(n, "cache_status"),
                n.path("saved_micros").asLong(), n.path("cache_similarity").isNumber()
                        ? n.path("cache_similarity").asDouble() : null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
