package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.TokenCounts;
import io.keyroute.api.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Usage read from Responses answers as OpenAI sends them: the fixtures are openai-openapi's examples
 * for {@code POST /v1/responses} and a stream recorded from the API (o4-mini), cut down where noted.
 */
class ResponsesUsageTest {

    /** openapi.json, POST /responses, example "Reasoning" (output shortened). */
    static final String REASONING_RESPONSE = """
            {"id":"resp_67ccd7eca01881908ff0b5146584e408072912b2993db808","object":"response",
             "created_at":1741477868,"status":"completed","completed_at":1741477869,"error":null,
             "incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"o1-2024-12-17",
             "output":[{"type":"message","id":"msg_67ccd7f7b5848190a6f3e95d809f6b44072912b2993db808",
               "status":"completed","role":"assistant","content":[{"type":"output_text",
               "text":"The classic tongue twister...","annotations":[]}]}],
             "parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"high","summary":null},
             "store":true,"temperature":1.0,"text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],
             "top_p":1.0,"truncation":"disabled",
             "usage":{"input_tokens":81,"input_tokens_details":{"cached_tokens":0,"cache_write_tokens":0},
               "output_tokens":1035,"output_tokens_details":{"reasoning_tokens":832},"total_tokens":1116},
             "user":null,"metadata":{}}""";

    /** The last event of a recorded o4-mini stream (reasoning item and message kept, ids shortened). */
    static final String COMPLETED_EVENT = """
            {"type":"response.completed","sequence_number":29,"response":{"id":"resp_68b5ebab4618",
             "object":"response","created_at":1756752811,"status":"completed","background":false,"error":null,
             "incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,
             "model":"o4-mini-2025-04-16","output":[{"id":"rs_68b5ebabc008","type":"reasoning",
               "summary":[{"type":"summary_text","text":"**Calculating a simple sum**"}]},
               {"id":"msg_68b5ebae5a70","type":"message","status":"completed","content":[{"type":"output_text",
               "annotations":[],"logprobs":[],"text":"The sum of the first 5 positive integers is 15."}],
               "role":"assistant"}],
             "parallel_tool_calls":true,"previous_response_id":null,"prompt_cache_key":null,
             "reasoning":{"effort":"low","summary":"detailed"},"safety_identifier":null,"service_tier":"default",
             "store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},
             "tool_choice":"auto","tools":[],"top_logprobs":0,"top_p":1.0,"truncation":"disabled",
             "usage":{"input_tokens":17,"input_tokens_details":{"cached_tokens":0},"output_tokens":122,
               "output_tokens_details":{"reasoning_tokens":64},"total_tokens":139},"user":null,"metadata":{}}}""";

    static Usage fromResponse(String json) throws Exception {
        return ResponsesUsage.fromResponse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aResponseReportsInputAsThePromptAndOutputAsTheCompletionWithReasoningAsPartOfIt() throws Exception {
        assertThat(fromResponse(REASONING_RESPONSE)).isEqualTo(new Usage(81, 1035, 0, 832));
    }

    @Test
    void cachedInputTokensArePartOfThePrompt() throws Exception {
        String response = """
                {"id":"resp_1","object":"response","status":"completed","output":[],
                 "usage":{"input_tokens":1000,"input_tokens_details":{"cached_tokens":800,"cache_write_tokens":150},
                  "output_tokens":120,"output_tokens_details":{"reasoning_tokens":64},"total_tokens":1120},
                 "service_tier":"default"}""";

        assertThat(fromResponse(response)).isEqualTo(new Usage(1000, 120, 800, 64));
    }

    @Test
    void theTierThatServedTheCallPricesItWhereverItStands() throws Exception {
        String tierFirst = "{\"service_tier\":\"flex\",\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}";
        String tierLast = "{\"usage\":{\"input_tokens\":5,\"output_tokens\":2},\"service_tier\":\"priority\"}";

        assertThat(fromResponse(tierFirst)).isEqualTo(new Usage(5, 2, 0, 0).onTier("flex"));
        assertThat(fromResponse(tierLast)).isEqualTo(new Usage(5, 2, 0, 0).onTier("priority"));
        assertThat(fromResponse(tierLast.replace("priority", "default")).serviceTier()).isNull();
    }

    @Test
    void aResponseWithoutUsageHasNone() throws Exception {
        assertThat(fromResponse("{\"id\":\"resp_1\",\"status\":\"in_progress\",\"usage\":null}")).isNull();
        assertThat(fromResponse("{\"id\":\"resp_1\",\"status\":\"queued\"}")).isNull();
        assertThat(fromResponse("[]")).isNull();
    }

    @Test
    void absurdCountsSaturateInsteadOfWrapping() throws Exception {
        String response = "{\"usage\":{\"input_tokens\":18446744073709551621,\"output_tokens\":-40,"
                + "\"input_tokens_details\":{\"cached_tokens\":1e300},\"output_tokens_details\":{\"reasoning_tokens\":2.9}}}";

        assertThat(fromResponse(response)).isEqualTo(new Usage(TokenCounts.MAX, 0, TokenCounts.MAX, 2));
    }

    @Test
    void aCompletedEventReportsItsResponsesUsage() throws Exception {
        assertThat(ResponsesUsage.fromEvent(COMPLETED_EVENT)).isEqualTo(new Usage(17, 122, 0, 64));
    }

    @Test
    void anIncompleteOrFailedEventReportsWhatWasUsed() throws Exception {
        String incomplete = """
                {"type":"response.incomplete","sequence_number":9,"response":{"id":"resp_1","object":"response",
                 "status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[],
                 "usage":{"input_tokens":40,"input_tokens_details":{"cached_tokens":32,"cache_write_tokens":0},
                  "output_tokens":16,"output_tokens_details":{"reasoning_tokens":16},"total_tokens":56}}}""";
        String failed = """
                {"type":"response.failed","sequence_number":3,"response":{"id":"resp_2","object":"response",
                 "status":"failed","error":{"code":"server_error","message":"The model failed."},"output":[],
                 "usage":{"input_tokens":12,"output_tokens":0,"total_tokens":12},"service_tier":"flex"}}""";

        assertThat(ResponsesUsage.fromEvent(incomplete)).isEqualTo(new Usage(40, 16, 32, 16));
        assertThat(ResponsesUsage.fromEvent(failed)).isEqualTo(new Usage(12, 0, 0, 0).onTier("flex"));
    }

    @Test
    void everyOtherEventReportsNone() throws Exception {
        String created = """
                {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response",
                 "status":"in_progress","output":[],"service_tier":"auto","usage":null}}""";
        String delta = """
                {"type":"response.output_text.delta","sequence_number":14,"item_id":"msg_1","output_index":1,
                 "content_index":0,"delta":"The","logprobs":[],"obfuscation":"japg2KaCkjNsp"}""";
        String inProgressWithUsage = """
                {"type":"response.in_progress","response":{"usage":{"input_tokens":9,"output_tokens":1}}}""";

        assertThat(ResponsesUsage.fromEvent(created)).isNull();
        assertThat(ResponsesUsage.fromEvent(delta)).isNull();
        assertThat(ResponsesUsage.fromEvent(inProgressWithUsage)).isNull();
    }

    @Test
    void theTypeMayFollowTheResponse() throws Exception {
        String reordered = "{\"sequence_number\":4,\"response\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":4}},"
                + "\"type\":\"response.completed\"}";

        assertThat(ResponsesUsage.fromEvent(reordered)).isEqualTo(new Usage(3, 4, 0, 0));
        assertThat(ResponsesUsage.fromEvent(reordered.replace("response.completed", "response.created"))).isNull();
    }

    @Test
    void onlyTheTerminalEventsReportUsage() {
        assertThat(ResponsesUsage.reportsUsage("response.completed")).isTrue();
        assertThat(ResponsesUsage.reportsUsage("response.incomplete")).isTrue();
        assertThat(ResponsesUsage.reportsUsage("response.failed")).isTrue();
        assertThat(ResponsesUsage.reportsUsage("response.in_progress")).isFalse();
        assertThat(ResponsesUsage.reportsUsage("error")).isFalse();
        assertThat(ResponsesUsage.reportsUsage(null)).isFalse();
    }
}
