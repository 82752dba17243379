package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.testkit.replies.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/responses} on the wire: the Response object, the event sequence, errors and stored responses. */
class FakeOpenAiResponsesTest {

    static final String KEY = "sk-test-0123456789abcdef";
    static final long CREATED = 1_767_225_600L;
    static final String HELLO = "{\"model\":\"gpt-4o\",\"input\":\"hello there\"}";

    FakeOpenAi fake;

    @BeforeEach
    void start() {
        fake = FakeOpenAi.builder().apiKey(KEY)
                .clock(Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC))
                .rejectUnknownModels(true)
                .start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static HttpResponse<String> post(FakeOpenAi fake, String body) throws Exception {
        return Http.send(Http.post(fake, "/responses", KEY, body));
    }

    static HttpResponse<String> call(FakeOpenAi fake, String method, String id) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/responses/" + id))
                .header("authorization", "Bearer " + KEY).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Each SSE event as its {@code event:} name and its data parsed. */
    record Event(String name, JsonNode data) {
    }

    static List<Event> events(String body) throws Exception {
        List<Event> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String[] lines = block.split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            out.add(new Event(lines[0].substring(7), Http.json(lines[1].substring(6))));
        }
        return out;
    }

    @Test
    void aResponseHasOpenAisShapeFieldForField() throws Exception {
        HttpResponse<String> res = post(fake, HELLO);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(res.headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
        JsonNode body = Http.json(res.body());
        String id = body.get("id").asText();
        String msg = body.get("output").get(0).get("id").asText();
        assertThat(id).matches("resp_[0-9a-f]{48}");
        assertThat(msg).matches("msg_[0-9a-f]{48}");
        // "hello there" = 11 chars -> 3 tokens; "Echo: hello there" = 3 words
        assertThat(res.body()).isEqualTo("{\"id\":\"" + id + "\",\"object\":\"response\",\"created_at\":" + CREATED
                + ",\"status\":\"completed\",\"completed_at\":" + CREATED + ",\"background\":false,\"error\":null,"
                + "\"incomplete_details\":null,\"instructions\":null,\"max_output_tokens\":null,\"max_tool_calls\":null,"
                + "\"model\":\"gpt-4o\",\"output\":[{\"id\":\"" + msg + "\",\"type\":\"message\",\"status\":\"completed\","
                + "\"content\":[{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"Echo: hello there\"}],"
                + "\"role\":\"assistant\"}],\"parallel_tool_calls\":true,\"previous_response_id\":null,"
                + "\"prompt_cache_key\":null,\"reasoning\":{\"effort\":null,\"summary\":null},\"safety_identifier\":null,"
                + "\"service_tier\":\"default\",\"store\":true,\"temperature\":1.0,"
                + "\"text\":{\"format\":{\"type\":\"text\"},\"verbosity\":\"medium\"},\"tool_choice\":\"auto\",\"tools\":[],"
                + "\"top_logprobs\":0,\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":{\"input_tokens\":3,"
                + "\"input_tokens_details\":{\"cached_tokens\":0,\"cache_write_tokens\":0},\"output_tokens\":3,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":6},\"user\":null,\"metadata\":{}}");
    }

    @Test
    void theRequestsParametersAreEchoed() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"instructions\":\"Be brief.\",\"input\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"input_text\",\"text\":\"hi\"}]}],\"max_output_tokens\":64,\"temperature\":0.2,"
                + "\"reasoning\":{\"effort\":\"low\"},\"metadata\":{\"run\":\"7\"},\"user\":\"u-1\",\"service_tier\":\"flex\","
                + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}]}";
        fake.enqueue(Reply.text("ok").serviceTier("flex"));

        JsonNode res = Http.json(post(fake, body).body());

        assertThat(res.get("instructions").asText()).isEqualTo("Be brief.");
        assertThat(res.get("max_output_tokens").asInt()).isEqualTo(64);
        assertThat(res.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(res.get("reasoning").toString()).isEqualTo("{\"effort\":\"low\",\"summary\":null}");
        assertThat(res.get("metadata").toString()).isEqualTo("{\"run\":\"7\"}");
        assertThat(res.get("user").asText()).isEqualTo("u-1");
        assertThat(res.get("service_tier").asText()).isEqualTo("flex");
        assertThat(res.get("tools").toString())
                .isEqualTo("[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"},\"strict\":true}]");
    }

    @Test
    void aStreamIsTheFullNamedEventSequenceNumberedFromZero() throws Exception {
        fake.enqueue(Reply.text("a b").reasoningSummary("why not").usage(7, 4, 0, 2));
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"input\":\"x\"}";

        HttpResponse<String> res = post(fake, body);

        assertThat(res.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(res.body()).doesNotContain("[DONE]");
        List<Event> events = events(res.body());
        assertThat(events).extracting(Event::name).containsExactly(
                "response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done",
                "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed");
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = events.get(i).data();
            assertThat(data.get("type").asText()).isEqualTo(events.get(i).name());
            assertThat(data.get("sequence_number").asInt()).isEqualTo(i);
        }
        JsonNode created = events.getFirst().data().get("response");
        assertThat(created.get("status").asText()).isEqualTo("in_progress");
        assertThat(created.get("service_tier").asText()).isEqualTo("auto");
        assertThat(created.get("output")).isEmpty();
        assertThat(created.get("usage").isNull()).isTrue();
        assertThat(events.get(4).data().toString()).isEqualTo("{\"type\":\"response.reasoning_summary_text.delta\","
                + "\"sequence_number\":4,\"item_id\":\"" + events.get(2).data().get("item").get("id").asText()
                + "\",\"output_index\":0,\"summary_index\":0,\"delta\":\"why\"}");
        String msg = events.get(9).data().get("item").get("id").asText();
        assertThat(events.get(9).data().toString()).isEqualTo("{\"type\":\"response.output_item.added\","
                + "\"sequence_number\":9,\"output_index\":1,\"item\":{\"id\":\"" + msg + "\",\"type\":\"message\","
                + "\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}}");
        assertThat(events.get(12).data().toString()).isEqualTo("{\"type\":\"response.output_text.delta\","
                + "\"sequence_number\":12,\"item_id\":\"" + msg + "\",\"output_index\":1,\"content_index\":0,"
                + "\"delta\":\" b\",\"logprobs\":[]}");
        JsonNode completed = events.getLast().data().get("response");
        assertThat(completed.get("id").asText()).isEqualTo(created.get("id").asText());
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(completed.get("output")).hasSize(2);
        assertThat(completed.get("usage").toString()).isEqualTo("{\"input_tokens\":7,\"input_tokens_details\":"
                + "{\"cached_tokens\":0,\"cache_write_tokens\":0},\"output_tokens\":4,\"output_tokens_details\":"
                + "{\"reasoning_tokens\":2},\"total_tokens\":11}");
        // the stored response is the stream's last state
        assertThat(Http.json(call(fake, "GET", completed.get("id").asText()).body())).isEqualTo(completed);
        assertThat(fake.awaitCompletedStreams(1, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aStreamedToolCallHasItsArgumentEventsAndItsNameWhenDone() throws Exception {
        fake.enqueue(Reply.toolCall("lookup", "{\"q\":\"a long query\"}"));

        List<Event> events = events(post(fake, "{\"model\":\"gpt-4o\",\"stream\":true,\"input\":\"x\"}").body());

        assertThat(events).extracting(Event::name).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        JsonNode added = events.get(2).data().get("item");
        assertThat(added.get("status").asText()).isEqualTo("in_progress");
        assertThat(added.get("arguments").asText()).isEmpty();
        assertThat(added.get("call_id").asText()).matches("call_[A-Za-z0-9]{24}");
        JsonNode done = events.get(6).data();
        assertThat(done.get("item_id").asText()).isEqualTo(added.get("id").asText());
        assertThat(done.get("name").asText()).isEqualTo("lookup");
        assertThat(done.get("arguments").asText()).isEqualTo("{\"q\":\"a long query\"}");
        assertThat(events.get(7).data().get("item").get("status").asText()).isEqualTo("completed");
    }

    @Test
    void aLengthFinishIsAnIncompleteResponse() throws Exception {
        Reply cut = Reply.text("cut sho").finishReason("length");
        fake.enqueue(cut, cut);

        JsonNode plain = Http.json(post(fake, HELLO).body());
        List<Event> events = events(post(fake, "{\"model\":\"gpt-4o\",\"stream\":true,\"input\":\"x\"}").body());

        assertThat(plain.get("status").asText()).isEqualTo("incomplete");
        assertThat(plain.get("completed_at").isNull()).isTrue();
        assertThat(plain.get("incomplete_details").toString()).isEqualTo("{\"reason\":\"max_output_tokens\"}");
        assertThat(plain.get("output").get(0).get("status").asText()).isEqualTo("incomplete");
        assertThat(events.getLast().name()).isEqualTo("response.incomplete");
        assertThat(events.getLast().data().get("response").get("status").asText()).isEqualTo("incomplete");
    }

    @Test
    void aStreamScriptedToFailEndsWithTheSpecsErrorEvent() throws Exception {
        fake.enqueue(Reply.text("a b c").errorAfterChunks(3, "The server had an error."));

        List<Event> events = events(post(fake, "{\"model\":\"gpt-4o\",\"stream\":true,\"input\":\"x\"}").body());

        assertThat(events).hasSize(4);
        assertThat(events.getLast().name()).isEqualTo("error");
        assertThat(events.getLast().data().toString()).isEqualTo("{\"type\":\"error\",\"sequence_number\":3,"
                + "\"code\":\"server_error\",\"message\":\"The server had an error.\",\"param\":null}");
    }

    @Test
    void errorsHaveOpenAisShapeAndTheChatFakesStatuses() throws Exception {
        HttpResponse<String> noModel = post(fake, "{\"input\":\"x\"}");
        HttpResponse<String> unknown = post(fake, "{\"model\":\"gpt-9\",\"input\":\"x\"}");
        HttpResponse<String> notJson = post(fake, "{");
        HttpResponse<String> noKey = Http.send(Http.post(fake, "/responses", null, HELLO));
        fake.enqueue(Reply.serverError());
        HttpResponse<String> scripted = post(fake, HELLO);

        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(noModel.body()).isEqualTo("{\"error\":{\"message\":\"Missing required parameter: 'model'.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"model\",\"code\":\"missing_required_parameter\"}}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown.body()).get("error").get("code").asText()).isEqualTo("model_not_found");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(scripted.statusCode()).isEqualTo(500);
        assertThat(Http.json(scripted.body()).get("error").get("type").asText()).isEqualTo("server_error");
    }

    @Test
    void storedResponsesAreRetrievedAndDeletedAndAnUnstoredOneIsNotFound() throws Exception {
        String id = Http.json(post(fake, HELLO).body()).get("id").asText();
        String unstored = Http.json(post(fake, "{\"model\":\"gpt-4o\",\"input\":\"x\",\"store\":false}").body())
                .get("id").asText();

        assertThat(Http.json(call(fake, "GET", id).body()).get("id").asText()).isEqualTo(id);
        HttpResponse<String> deleted = call(fake, "DELETE", id);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"id\":\"" + id + "\",\"object\":\"response\",\"deleted\":true}");
        HttpResponse<String> gone = call(fake, "GET", id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo("{\"error\":{\"message\":\"Response with id '" + id + "' not found.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
        assertThat(call(fake, "DELETE", id).statusCode()).isEqualTo(404);
        assertThat(call(fake, "GET", unstored).statusCode()).isEqualTo(404);
        HttpResponse<String> continued = post(fake, "{\"model\":\"gpt-4o\",\"input\":\"x\",\"previous_response_id\":\""
                + unstored + "\"}");
        assertThat(continued.statusCode()).isEqualTo(400);
        assertThat(Http.json(continued.body()).get("error").get("message").asText())
                .isEqualTo("Previous response with id '" + unstored + "' not found.");
    }

    @Test
    void requestsAreRecordedLikeChats() throws Exception {
        post(fake, HELLO);
        call(fake, "GET", "resp_x");

        assertThat(fake.requests()).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /v1/responses", "GET /v1/responses/resp_x");
        assertThat(fake.requests().getFirst().json().get("input").asText()).isEqualTo("hello there");
        assertThat(fake.requests().getFirst().header("authorization")).isEqualTo("Bearer " + KEY);
    }
}
