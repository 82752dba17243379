package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Json;
import io.keyroute.testkit.replies.Reply;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * An upstream's error event after the first bytes fails the attempt the same way whatever the
 * provider and whatever the caller's API: the caller gets the error once, in its own shape, the
 * request is recorded as {@code cut}, and the provider's circuit counts a failure.
 */
class StreamErrorEventsTest {
    private static final String CHAT = "{\"model\":\"%s\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    private static final String MESSAGES =
            "{\"model\":\"%s\",\"max_tokens\":20,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

    private static final String OPENAI_ERROR = "data: {\"error\":";
    private static final String ANTHROPIC_ERROR = "event: error";

    @AutoClose
    private final ThreeUpstreams upstreams = new ThreeUpstreams();
    private final TestGateway keyroute = upstreams.keyroute;

    @Test
    void anOpenAiCallerOfAnthropicsErrorEvent() throws Exception {
        upstreams.anthropic.enqueue(Reply.chunks("a", "b", "c").errorAfterChunks(4, "Overloaded"));

        String body = keyroute.post("/chat/completions", CHAT.formatted("anthropic/claude-sonnet-4-5")).body();

        assertThat(body).contains("\"content\":\"a\"").doesNotContain("[DONE]");
        assertOneErrorEvent(body, OPENAI_ERROR, "{\"error\":{\"message\":\"Overloaded\"");
        assertFailedAndCounted("anthropic");
    }

    @Test
    void anOpenAiCallerOfGeminisErrorChunk() throws Exception {
        upstreams.gemini.enqueue(Reply.chunks("a", "b", "c").errorAfterChunks(2, "The model is overloaded."));

        String body = keyroute.post("/chat/completions", CHAT.formatted("gemini/gemini-2.5-flash")).body();

        assertThat(body).contains("\"content\":\"a\"").doesNotContain("[DONE]");
        assertOneErrorEvent(body, OPENAI_ERROR, "{\"error\":{\"message\":\"The model is overloaded.\"");
        assertFailedAndCounted("gemini");
    }

    @Test
    void anOpenAiCallerOfOpenAisErrorChunkGetsItAsItCame() throws Exception {
        upstreams.openai.enqueue(Reply.text("one two three four").errorAfterChunks(2, "upstream broke"));

        String body = keyroute.post("/chat/completions", CHAT.formatted("openai/gpt-4o-mini")).body();

        assertThat(body).contains("\"content\":\"one\"").doesNotContain("[DONE]");
        assertOneErrorEvent(body, OPENAI_ERROR, "\"message\":\"upstream broke\"");
        assertFailedAndCounted("openai");
    }

    @Test
    void anAnthropicCallerOfOpenAisErrorChunk() throws Exception {
        upstreams.openai.enqueue(Reply.text("one two three four").errorAfterChunks(2, "upstream broke"));

        String body = keyroute.call("POST", "/v1/messages", MESSAGES.formatted("openai/gpt-4o-mini")).body();

        assertThat(body).contains("\"text\":\"one").doesNotContain("message_stop");
        assertOneErrorEvent(body, ANTHROPIC_ERROR, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"upstream broke\"");
        assertFailedAndCounted("openai");
    }

    @Test
    void anAnthropicCallerOfAnthropicsErrorEventGetsItAsItCame() throws Exception {
        upstreams.anthropic.enqueue(Reply.chunks("a", "b", "c").errorAfterChunks(4, "Overloaded"));

        String body = keyroute.call("POST", "/v1/messages", MESSAGES.formatted("anthropic/claude-sonnet-4-5")).body();

        assertThat(body).contains("\"text\":\"a\"").doesNotContain("message_stop");
        assertOneErrorEvent(body, ANTHROPIC_ERROR, "overloaded_error");
        assertThat(body).contains("Overloaded");
        assertFailedAndCounted("anthropic");
    }

    /** The provider's error reached the caller, and it is the only one: Keyroute adds none of its own. */
    private static void assertOneErrorEvent(String body, String errorEventStart, String error) {
        assertThat(body).contains(error);
        assertThat(body.split(Pattern.quote(errorEventStart), -1)).as("error events in %s", body).hasSize(2);
    }

    private void assertFailedAndCounted(String provider) throws Exception {
        assertThat(keyroute.awaitRecord(1).outcome()).isEqualTo("cut");
        HttpResponse<String> shown = keyroute.call("GET", "/api/v1/providers/" + provider, null);
        assertThat(Json.MAPPER.readTree(shown.body()).path("health").path("consecutive_failures").asInt())
                .as("the circuit heard of it").isEqualTo(1);
    }
}
