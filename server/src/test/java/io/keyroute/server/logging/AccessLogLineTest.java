package io.keyroute.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Secrets;
import io.keyroute.api.Usage;
import io.keyroute.server.accounting.AccessLog;
import io.keyroute.usage.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access line through the server's real logging set-up: free text scrubbed, Keyroute's own values as they are. */
class AccessLogLineTest {
    private static final String PASTED_KEY = "sk-proj-" + "Zx8LmQ2vR7tY1nB4cD6eF9gH3jK5pW0sA2uE4iO6";
    /** An id Keyroute made, long enough that the shape scrubber would take it for a base64 key. */
    private static final String LONG_ID = "key_" + "3f1c0e8a9b7d4c2e8f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c";

    @AfterEach
    void forget() {
        KnownSecrets.clear();
    }

    @Test
    void aRegisteredSecretInACallersModelNameIsMaskedToo() {
        String adminToken = "correct horse battery staple 42";
        KnownSecrets.register(adminToken);
        var record = new RequestRecord("req_0Rk4Zb2xQ1aB3cD4eF5g", "key_1", "usr_1", "ws_1", null, adminToken, null, null,
                null, 404, 0, false, new Usage(0, 0, 0, 0), null, 120, 0, "error");

        JsonNode line = LogCapture.serverJsonLines(Map.of(),
                context -> new AccessLog(context.getLogger("keyroute.access")).record(record)).getFirst();

        assertThat(line.toString()).doesNotContain(adminToken);
        assertThat(line.get("requested_model").asText()).isEqualTo(Secrets.mask(adminToken));
        assertThat(line.get("model").isNull()).isTrue();
        assertThat(line.get("cost_micros").isNull()).isTrue();
    }

    @Test
    void callerTextIsScrubbedAndKeyrouteValuesArePassedAsIs() {
        var record = new RequestRecord("req_0Rk4Zb2xQ1aB3cD4eF5g", LONG_ID, "usr_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
                "ws_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d", "system:openai", "openai/" + PASTED_KEY, null, "openai",
                PASTED_KEY, 401, 1, true, new Usage(1_234, 56, 7, 8), 215L, 1_843, 99, "error");

        List<JsonNode> lines = LogCapture.serverJsonLines(Map.of(),
                context -> new AccessLog(context.getLogger("keyroute.access")).record(record));

        assertThat(lines).hasSize(1);
        JsonNode line = lines.getFirst();
        assertThat(line.toString()).doesNotContain(PASTED_KEY);
        assertThat(line.get("requested_model").asText()).isEqualTo("openai/" + Secrets.mask(PASTED_KEY));
        assertThat(line.get("model").asText()).isEqualTo(Secrets.mask(PASTED_KEY));
        assertThat(line.get("message").asText())
                .isEqualTo("req_0Rk4Zb2xQ1aB3cD4eF5g openai/" + Secrets.mask(PASTED_KEY) + " -> openai/"
                        + Secrets.mask(PASTED_KEY) + " 401 in 1843 us");
        assertThat(Secrets.scrub(LONG_ID)).as("what the shape scrubber would make of it").isNotEqualTo(LONG_ID);
        assertThat(line.get("key_id").asText()).isEqualTo(LONG_ID);
        assertThat(line.get("request_id").asText()).isEqualTo("req_0Rk4Zb2xQ1aB3cD4eF5g");
        assertThat(line.get("user_id").asText()).isEqualTo("usr_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d");
        assertThat(line.get("workspace_id").asText()).isEqualTo("ws_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d");
        assertThat(line.get("credential_id").asText()).isEqualTo("system:openai");
        assertThat(line.get("route").isNull()).isTrue();
        assertThat(line.get("provider").asText()).isEqualTo("openai");
        assertThat(line.get("status").asInt()).isEqualTo(401);
        assertThat(line.get("latency_us").asLong()).isEqualTo(1_843);
        assertThat(line.get("ttft_us").asLong()).isEqualTo(99);
        assertThat(line.get("attempts").asInt()).isEqualTo(1);
        assertThat(line.get("stream").asBoolean()).isTrue();
        assertThat(line.get("outcome").asText()).isEqualTo("error");
        assertThat(line.get("prompt_tokens").asLong()).isEqualTo(1_234);
        assertThat(line.get("completion_tokens").asLong()).isEqualTo(56);
        assertThat(line.get("cached_tokens").asLong()).isEqualTo(7);
        assertThat(line.get("reasoning_tokens").asLong()).isEqualTo(8);
        assertThat(line.get("cache_write_tokens").asLong()).isEqualTo(0);
        assertThat(line.get("cost_micros").asLong()).isEqualTo(215);
        assertThat(line.get("logger").asText()).isEqualTo("keyroute.access");
    }

    @Test
    void theLineHasExactlyTheContractsFieldsInOrderWithTheirValues() {
        var ok = new RequestRecord("req_1", "key_1", "usr_1", "ws_1", "system:fast", "bench", "bench", "fast",
                "gpt-4o-mini", 200, 1, false, new Usage(8, 7, 0, 0, 3, 0), 42L, 5_788, 5_788, "ok");
        var refused = new RequestRecord("req_2", null, null, null, null, null, null, null, null, 401, 0, true,
                new Usage(0, 0, 0, 0), null, 12, 0, "error");

        List<JsonNode> lines = LogCapture.serverJsonLines(Map.of(), context -> {
            var log = new AccessLog(context.getLogger("keyroute.access"));
            log.record(ok);
            log.record(refused);
        });

        assertThat(lines).hasSize(2);
        List<String> accessFields = List.of("request_id", "requested_model", "provider", "model", "status", "latency_us",
                "key_id", "user_id", "workspace_id", "credential_id", "route", "attempts", "stream", "outcome", "ttft_us",
                "prompt_tokens", "completion_tokens", "cached_tokens", "reasoning_tokens", "cache_write_tokens",
                "cost_micros");
        for (JsonNode line : lines) {
            List<String> names = new ArrayList<>();
            line.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyElementsOf(Stream.concat(
                    Stream.of("timestamp", "message", "logger", "thread", "level"),
                    accessFields.stream()).toList());
            assertThat(line.get("logger").asText()).isEqualTo("keyroute.access");
            assertThat(line.get("level").asText()).isEqualTo("INFO");
        }
        JsonNode first = lines.get(0);
        assertThat(first.get("message").asText()).isEqualTo("req_1 bench -> fast/gpt-4o-mini 200 in 5788 us");
        assertThat(first.get("request_id").asText()).isEqualTo("req_1");
        assertThat(first.get("requested_model").asText()).isEqualTo("bench");
        assertThat(first.get("provider").asText()).isEqualTo("fast");
        assertThat(first.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(first.get("status").isInt()).isTrue();
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.get("latency_us").asLong()).isEqualTo(5_788);
        assertThat(first.get("key_id").asText()).isEqualTo("key_1");
        assertThat(first.get("user_id").asText()).isEqualTo("usr_1");
        assertThat(first.get("workspace_id").asText()).isEqualTo("ws_1");
        assertThat(first.get("credential_id").asText()).isEqualTo("system:fast");
        assertThat(first.get("route").asText()).isEqualTo("bench");
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("stream").isBoolean()).isTrue();
        assertThat(first.get("stream").asBoolean()).isFalse();
        assertThat(first.get("outcome").asText()).isEqualTo("ok");
        assertThat(first.get("ttft_us").asLong()).isEqualTo(5_788);
        assertThat(first.get("prompt_tokens").asLong()).isEqualTo(8);
        assertThat(first.get("completion_tokens").asLong()).isEqualTo(7);
        assertThat(first.get("cached_tokens").asLong()).isEqualTo(0);
        assertThat(first.get("reasoning_tokens").asLong()).isEqualTo(0);
        assertThat(first.get("cache_write_tokens").asLong()).isEqualTo(3);
        assertThat(first.get("cost_micros").asLong()).isEqualTo(42);

        JsonNode second = lines.get(1);
        assertThat(second.get("message").asText()).isEqualTo("req_2 null -> null/null 401 in 12 us");
        for (String absent : List.of("requested_model", "provider", "model", "key_id", "user_id", "workspace_id",
                "credential_id", "route", "cost_micros")) {
            assertThat(second.get(absent).isNull()).as(absent).isTrue();
        }
        assertThat(second.get("stream").asBoolean()).isTrue();
        assertThat(second.get("attempts").asInt()).isZero();
    }
}
