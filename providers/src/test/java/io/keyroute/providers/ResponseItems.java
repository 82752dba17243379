package io.keyroute.providers;

import static io.keyroute.providers.CallerRequests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** What a Responses caller's conformance cases expect of a Response object's output items and usage. */
final class ResponseItems {
    private ResponseItems() {
    }

    /** A completed assistant message of one output_text, {@code text}. */
    static void assertMessage(JsonNode item, String text) {
        assertThat(item.path("type").asText()).isEqualTo("message");
        assertThat(item.path("role").asText()).isEqualTo("assistant");
        assertThat(item.path("status").asText()).isEqualTo("completed");
        assertThat(item.path("content")).hasSize(1);
        assertThat(item.path("content").path(0).path("type").asText()).isEqualTo("output_text");
        assertThat(item.path("content").path(0).path("text").asText()).isEqualTo(text);
    }

    /** The get_weather call for Paris, with the call_id the caller answers it by. */
    static void assertFunctionCall(JsonNode item) {
        assertThat(item.path("type").asText()).isEqualTo("function_call");
        assertThat(item.path("status").asText()).isEqualTo("completed");
        assertThat(item.path("call_id").asText()).isNotBlank();
        assertThat(item.path("name").asText()).isEqualTo("get_weather");
        assertThat(json(item.path("arguments").asText())).isEqualTo(json("{\"city\":\"Paris\"}"));
    }

    /** The usage as the Responses API counts it: total is input plus output; cached tokens are part of the input. */
    static void assertUsage(JsonNode usage, int input, int output, int cached) {
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(input);
        assertThat(usage.path("output_tokens").asInt()).isEqualTo(output);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(input + output);
        assertThat(usage.path("input_tokens_details").path("cached_tokens").asInt()).isEqualTo(cached);
    }
}
