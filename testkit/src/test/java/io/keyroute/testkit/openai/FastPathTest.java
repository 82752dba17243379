package io.keyroute.testkit.openai;

import io.keyroute.testkit.replies.Reply;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FastPathTest {

    static final String KEY = "sk-bench";

    @Test
    void flagScanFindsTrueValuesOnly() {
        assertThat(flag("{\"stream\":true}", "\"stream\"")).isTrue();
        assertThat(flag("{\"stream\" : \n true}", "\"stream\"")).isTrue();
        assertThat(flag("{\"stream\":false}", "\"stream\"")).isFalse();
        assertThat(flag("{\"stream_options\":{\"include_usage\":true}}", "\"stream\"")).isFalse();
        assertThat(flag("{\"content\":\"\\\"stream\\\":true\"}", "\"stream\"")).isFalse();
        assertThat(flag("{\"stream_options\":{\"include_usage\":true}}", "\"include_usage\"")).isTrue();
    }

    @Test
    void fastPathServesCannedJsonAndStreamsAndStillHonoursScriptsAndAuth() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.builder().apiKey(KEY).fastPath(true).recordRequests(false)
                .fastReply("gpt-4o-mini", "Hello there").start()) {
            String chat = "{\"model\":\"whatever\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            var json = Http.json(Http.send(Http.post(fake, "/chat/completions", KEY, chat)).body());
            assertThat(json.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(json.at("/choices/0/message/content").asText()).isEqualTo("Hello there");

            List<String> events = Http.events(Http.open(Http.post(fake, "/chat/completions", KEY,
                    "{\"stream\":true,\"stream_options\":{\"include_usage\":true}," + chat.substring(1))).body());
            assertThat(events).hasSize(6);
            assertThat(events.get(4)).contains("\"choices\":[],\"usage\":{\"prompt_tokens\"");
            assertThat(events.getLast()).isEqualTo("[DONE]");

            assertThat(Http.send(Http.post(fake, "/chat/completions", "sk-wrong", chat)).statusCode()).isEqualTo(401);

            fake.enqueue(Reply.serverError());
            assertThat(Http.send(Http.post(fake, "/chat/completions", KEY, chat)).statusCode()).isEqualTo(500);

            assertThat(fake.requestCount()).isEqualTo(4);
            assertThat(fake.requests()).isEmpty();
        }
    }

    @Test
    void fastPathServesCannedResponsesAndTheirEventsAndStillHonoursScriptsAndAuth() throws Exception {
        try (FakeOpenAi fake = FakeOpenAi.builder().apiKey(KEY).fastPath(true).recordRequests(false)
                .fastReply("gpt-4o-mini", "Hello there").start()) {
            String request = "{\"model\":\"whatever\",\"input\":\"hi\"}";
            var json = Http.json(Http.send(Http.post(fake, "/responses", KEY, request)).body());
            assertThat(json.get("object").asText()).isEqualTo("response");
            assertThat(json.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(json.at("/output/0/content/0/text").asText()).isEqualTo("Hello there");
            assertThat(json.at("/usage/output_tokens").asInt()).isEqualTo(2);

            List<String> events = Http.events(Http.open(Http.post(fake, "/responses", KEY,
                    "{\"stream\":true," + request.substring(1))).body());
            assertThat(events.getFirst()).contains("\"type\":\"response.created\"");
            assertThat(events.getLast()).contains("\"type\":\"response.completed\"")
                    .contains("\"sequence_number\":" + (events.size() - 1))
                    .contains("\"output_tokens\":2");

            assertThat(Http.send(Http.post(fake, "/responses", "sk-wrong", request)).statusCode()).isEqualTo(401);

            fake.enqueue(Reply.serverError());
            assertThat(Http.send(Http.post(fake, "/responses", KEY, request)).statusCode()).isEqualTo(500);
        }
    }

    private static boolean flag(String body, String key) {
        return FastPath.flag(body.getBytes(StandardCharsets.UTF_8), key);
    }
}
