package io.keyroute.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import org.junit.jupiter.api.Test;

/** Which requests the cache may answer: the caller's opt-outs, the sampled rule, and the Responses API's state. */
class CacheabilityTest {
    private static ChatRequest chat(WireFormat format, String body) throws Exception {
        return new ChatRequest(format, (ObjectNode) Json.MAPPER.readTree(body), "m", false, false);
    }

    @Test
    void theCallerOptsOutWithCacheControlOrTheKeyrouteHeader() {
        assertThat(Cacheability.declined(WritableHeaders.create())).isFalse();
        assertThat(Cacheability.declined(WritableHeaders.create().add(HeaderNames.CACHE_CONTROL, "no-cache"))).isTrue();
        assertThat(Cacheability.declined(WritableHeaders.create().add(HeaderNames.CACHE_CONTROL, "max-age=0, No-Store"))).isTrue();
        assertThat(Cacheability.declined(WritableHeaders.create().add(HeaderNames.CACHE_CONTROL, "max-age=60"))).isFalse();
        assertThat(Cacheability.declined(WritableHeaders.create().add(HeaderNames.create("x-keyroute-cache"), "OFF"))).isTrue();
        assertThat(Cacheability.declined(WritableHeaders.create().add(HeaderNames.create("x-keyroute-cache"), "on"))).isFalse();
    }

    @Test
    void temperatureZeroOrASeedIsCacheableAndSampledOnlyWhenAllowed() throws Exception {
        assertThat(Cacheability.cacheable(chat(WireFormat.OPENAI_CHAT, "{\"temperature\":0}"), false)).isTrue();
        assertThat(Cacheability.cacheable(chat(WireFormat.OPENAI_CHAT, "{\"temperature\":0.7,\"seed\":1}"), false)).isTrue();
        assertThat(Cacheability.cacheable(chat(WireFormat.OPENAI_CHAT, "{\"temperature\":0.7}"), false)).isFalse();
        assertThat(Cacheability.cacheable(chat(WireFormat.ANTHROPIC_MESSAGES, "{}"), false)).as("default 1").isFalse();
        assertThat(Cacheability.cacheable(chat(WireFormat.OPENAI_CHAT, "{\"seed\":null}"), false)).isFalse();
        assertThat(Cacheability.cacheable(chat(WireFormat.OPENAI_CHAT, "{\"temperature\":0.7}"), true)).isTrue();
    }

    @Test
    void aResponsesRequestIsCacheableOnlyWithoutStoredState() throws Exception {
        assertThat(Cacheability.cacheable(chat(WireFormat.OPENAI_RESPONSES, "{\"temperature\":0,\"store\":false}"), false)).isTrue();
        assertThat(Cacheability.cacheable(chat(WireFormat.OPENAI_RESPONSES, "{\"temperature\":0}"), true)).isFalse();
        assertThat(Cacheability.cacheable(chat(WireFormat.OPENAI_RESPONSES, "{\"temperature\":0,\"store\":true}"), true)).isFalse();
        assertThat(Cacheability.cacheable(chat(WireFormat.OPENAI_RESPONSES,
                "{\"store\":false,\"previous_response_id\":\"resp_1\"}"), true)).isFalse();
        assertThat(Cacheability.cacheable(chat(WireFormat.OPENAI_RESPONSES,
                "{\"store\":false,\"conversation\":\"conv_1\"}"), true)).isFalse();
        assertThat(Cacheability.cacheable(chat(WireFormat.OPENAI_RESPONSES,
                "{\"store\":false,\"background\":true}"), true)).isFalse();
    }
}
