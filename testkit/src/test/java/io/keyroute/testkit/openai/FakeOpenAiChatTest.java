package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.testkit.replies.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FakeOpenAiChatTest {

    static final String KEY = "sk-test-0123456789abcdef";
    static final long CREATED = 1_767_225_600L;
    static final String USAGE = "{\"prompt_tokens\":%d,\"completion_tokens\":%d,\"total_tokens\":%d,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":%d,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":%d,\"audio_tokens\":0,"
            + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";

    FakeOpenAi fake;

    @BeforeEach
    void start() {
        fake = FakeOpenAi.builder().apiKey(KEY)
                .clock(Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC))
                .start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static String usage(int prompt, int completion, int cached, int reasoning) {
        return USAGE.formatted(prompt, completion, prompt + completion, cached, reasoning);
    }

    static String chunkHead(String id, String model) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":\"" + model + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_f4ce0a1e5b\",";
    }

    @Test
    void nonStreamingCompletionHasOpenAisExactShape() throws Exception {
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"hello there\"}]}";
        HttpResponse<String> res = Http.send(Http.post(fake, "/chat/completions", KEY, body));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(res.headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
        String id = Http.json(res.body()).get("id").asText();
        assertThat(id).matches("chatcmpl-[A-Za-z0-9]{29}");
        // "Be brief." (9) + "hello there" (11) = 20 chars -> 5 tokens; "Echo: hello there" = 3 words.
        assertThat(res.body()).isEqualTo("{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":" + CREATED
                + ",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Echo: hello there\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":" + usage(5, 3, 0, 0)
                + ",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_f4ce0a1e5b\"}");
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageFieldAndEndsWithDone() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}";
        HttpResponse<InputStream> res = Http.open(Http.post(fake, "/chat/completions", KEY, body));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        List<String> events = Http.events(res.body());
        String id = Http.json(events.getFirst()).get("id").asText();
        String head = chunkHead(id, "gpt-4o");
        String tail = "\"logprobs\":null,\"finish_reason\":null}]}";
        assertThat(events).containsExactly(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                        + tail,
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Echo:\"}," + tail,
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" a\"}," + tail,
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" b\"}," + tail,
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}",
                "[DONE]");
        assertThat(fake.awaitCompletedStreams(1, java.time.Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void streamWithIncludeUsageHasNullUsageOnEveryChunkAndAFinalUsageChunk() throws Exception {
        fake.enqueue(Reply.text("hi you").usage(12, 2, 8, 1));
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        List<String> events = Http.events(Http.open(Http.post(fake, "/chat/completions", KEY, body)).body());

        String id = Http.json(events.getFirst()).get("id").asText();
        String head = chunkHead(id, "gpt-4o");
        String tail = "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
        assertThat(events).containsExactly(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                        + tail,
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}," + tail,
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" you\"}," + tail,
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                        + "\"usage\":null}",
                head + "\"choices\":[],\"usage\":" + usage(12, 2, 8, 1) + "}",
                "[DONE]");
    }

    @Test
    void toolCallNonStreamingAndStreaming() throws Exception {
        Reply reply = Reply.toolCall("get_weather", "{\"city\":\"Paris\"}");
        fake.enqueue(reply, reply);
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}";

        JsonNode done = Http.json(Http.send(Http.post(fake, "/chat/completions", KEY, body)).body());
        JsonNode choice = done.get("choices").get(0);
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode message = choice.get("message");
        assertThat(message.toString()).matches("\\{\"role\":\"assistant\",\"content\":null,\"tool_calls\":\\[\\{"
                + "\"id\":\"call_[A-Za-z0-9]{24}\",\"type\":\"function\",\"function\":\\{\"name\":\"get_weather\","
                + "\"arguments\":\"\\{\\\\\"city\\\\\":\\\\\"Paris\\\\\"}\"}}],\"refusal\":null,\"annotations\":\\[]}");
        String callId = message.get("tool_calls").get(0).get("id").asText();

        List<String> events = Http.events(Http.open(Http.post(fake, "/chat/completions", KEY,
                body.replace("{\"model\"", "{\"stream\":true,\"model\""))).body());
        JsonNode first = Http.json(events.getFirst()).get("choices").get(0).get("delta");
        assertThat(first.toString()).isEqualTo("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                + "\"id\":\"" + callId + "\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":\"\"}}],\"refusal\":null}");
        StringBuilder args = new StringBuilder();
        for (String e : events.subList(1, events.size() - 2)) {
            JsonNode tc = Http.json(e).get("choices").get(0).get("delta").get("tool_calls").get(0);
            assertThat(tc.get("index").asInt()).isZero();
            assertThat(tc.has("id")).isFalse();
            args.append(tc.get("function").get("arguments").asText());
        }
        assertThat(args.toString()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(Http.json(events.get(events.size() - 2)).get("choices").get(0).get("finish_reason").asText())
                .isEqualTo("tool_calls");
        assertThat(events.getLast()).isEqualTo("[DONE]");
    }

    @Test
    void scriptedModelAndFinishReasonOverrideTheEcho() throws Exception {
        fake.enqueue(Reply.text("cut short").model("gpt-4o-2024-08-06").finishReason("length"));
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        JsonNode res = Http.json(Http.send(Http.post(fake, "/chat/completions", KEY, body)).body());
        assertThat(res.get("model").asText()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(res.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        assertThat(res.get("choices").get(0).get("message").get("content").asText()).isEqualTo("cut short");
    }

    @Test
    void contentPartsCountAndEchoLikeStrings() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"one two\"},{\"type\":\"text\",\"text\":\" three\"}]}]}";
        JsonNode res = Http.json(Http.send(Http.post(fake, "/chat/completions", KEY, body)).body());
        assertThat(res.get("choices").get(0).get("message").get("content").asText())
                .isEqualTo("Echo: one two three");
        assertThat(res.get("usage").get("prompt_tokens").asInt()).isEqualTo(4); // 13 chars
        assertThat(res.get("usage").get("completion_tokens").asInt()).isEqualTo(4);
    }
}
