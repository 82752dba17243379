package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.Part;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Response object byte for byte: keys in OpenAI's order, the caller's settings echoed as sent, escapes as
 * Jackson writes a tree's. The expected texts are what the writer wrote while it built a tree and serialised it
 * (before {@link ResponseObject}); item ids, random, read as {@code <prefix>_X}.
 */
class ResponsesResponseBytesTest {
    private static final String RICH = """
            {"model":"anthropic/claude-sonnet-4-5","input":[{"type":"message","role":"user","content":"hi"}],
             "instructions":"Be brief.","max_output_tokens":256,"temperature":0.7,"top_p":1,"user":"u-1",
             "parallel_tool_calls":false,"previous_response_id":"resp_prev","reasoning":{"effort":"high","summary":"auto"},
             "store":false,"text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object"},"strict":true}},
             "tool_choice":"required","truncation":"auto","metadata":{"k":"v","\\u00e9":"\\"q\\""},
             "tools":[{"type":"function","name":"search","description":"Find","parameters":{"type":"object","properties":{}}},
                      {"type":"custom","name":"apply_patch","description":"Patch"}]}
            """;
    private static final ResponsesRequest RICH_REQUEST = request(RICH);

    @Test
    void everyKindOfOutputAndEverySettingEchoed() {
        var answer = new CanonicalResponse("id", "claude-sonnet-4-5", List.of(
                Part.Reasoning.unsigned("Think "), new Part.Reasoning("more.", "sig=="), new Part.RedactedReasoning("opaque"),
                new Part.Text("One "), new Part.Text("two."), new Part.ToolCall("toolu_1", "search", "{\"q\":\"x\"}"),
                new Part.ToolCall(null, "apply_patch", "{\"input\":\"diff\"}"), new Part.Text("end")),
                FinishReason.LENGTH, null, new Usage(100, 20, 30, 5));

        assertThat(written(answer, RICH_REQUEST)).isEqualTo(E0);
    }

    @Test
    void defaultsAndEscapes() {
        var answer = new CanonicalResponse("id", null, List.of(new Part.Text("\u00e9 \"q\" \n </script> \u2028 \uD83D\uDE00")),
                FinishReason.CONTENT_FILTER, null, Usage.NONE);

        assertThat(written(answer, request("{\"model\":\"m\",\"input\":\"hi\"}"))).isEqualTo(E1);
    }

    @Test
    void aPlainAnswerToARequestWithSettings() {
        var answer = new CanonicalResponse("id", "gpt-4.1", List.of(new Part.Text("hello")), FinishReason.STOP, null,
                new Usage(3, 1, 0, 0));

        assertThat(written(answer, RICH_REQUEST)).isEqualTo(E2);
    }

    private static String written(CanonicalResponse answer, ResponsesRequest request) {
        return new String(ResponsesResponseWriter.write(answer, request, "resp_1", 1_741_476_542L), StandardCharsets.UTF_8)
                .replaceAll("(msg|fc|rs|ctc|call)_[0-9a-f]{48}", "$1_X");
    }

    private static ResponsesRequest request(String json) {
        return ResponsesRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String E0 = "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1741476542,\"status\":\"incomplete\",\"bac"
                + "kground\":false,\"error\":null,\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"instructi"
                + "ons\":\"Be brief.\",\"max_output_tokens\":256,\"model\":\"claude-sonnet-4-5\",\"output\":[{\"id\":\""
                + "rs_X\",\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Think more.\"}],\"e"
                + "ncrypted_content\":\"kr1.eyJ0aGlua2luZyI6Im1vcmUuIiwic2lnbmF0dXJlIjoic2lnPT0ifQ\"},{\"id\":\"rs_X\","
                + "\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"kr1.eyJyZWRhY3RlZCI6Im9wYXF1ZSJ9\"},{"
                + "\"id\":\"msg_X\",\"type\":\"message\",\"status\":\"incomplete\",\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"output_text\",\"text\":\"One two.\",\"annotations\":[],\"logprobs\":[]}]},{\"id\":\"fc_X"
                + "\",\"type\":\"function_call\",\"status\":\"completed\",\"arguments\":\"{\\\"q\\\":\\\"x\\\"}\",\"cal"
                + "l_id\":\"toolu_1\",\"name\":\"search\"},{\"id\":\"ctc_X\",\"type\":\"custom_tool_call\",\"status\":"
                + "\"completed\",\"call_id\":\"call_X\",\"name\":\"apply_patch\",\"input\":\"diff\"},{\"id\":\"msg_X\","
                + "\"type\":\"message\",\"status\":\"incomplete\",\"role\":\"assistant\",\"content\":[{\"type\":\"outpu"
                + "t_text\",\"text\":\"end\",\"annotations\":[],\"logprobs\":[]}]}],\"parallel_tool_calls\":false,\"pre"
                + "vious_response_id\":\"resp_prev\",\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"},\"store\""
                + ":false,\"temperature\":0.7,\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"answer\",\"sche"
                + "ma\":{\"type\":\"object\"},\"strict\":true}},\"tool_choice\":\"required\",\"tools\":[{\"type\":\"fun"
                + "ction\",\"name\":\"search\",\"description\":\"Find\",\"parameters\":{\"type\":\"object\",\"propertie"
                + "s\":{}}},{\"type\":\"custom\",\"name\":\"apply_patch\",\"description\":\"Patch\"}],\"top_p\":1,\"tru"
                + "ncation\":\"auto\",\"usage\":{\"input_tokens\":100,\"input_tokens_details\":{\"cached_tokens\":30,\""
                + "cache_write_tokens\":0},\"output_tokens\":20,\"output_tokens_details\":{\"reasoning_tokens\":5},\"to"
                + "tal_tokens\":120},\"user\":\"u-1\",\"metadata\":{\"k\":\"v\",\"\u00e9\":\"\\\"q\\\"\"}}";

    private static final String E1 = "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1741476542,\"status\":\"incomplete\",\"bac"
                + "kground\":false,\"error\":null,\"incomplete_details\":{\"reason\":\"content_filter\"},\"instructions"
                + "\":null,\"max_output_tokens\":null,\"model\":\"m\",\"output\":[{\"id\":\"msg_X\",\"type\":\"message"
                + "\",\"status\":\"incomplete\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":"
                + "\"\u00e9 \\\"q\\\" \\n </script> \u2028 \\uD83D\\uDE00\",\"annotations\":[],\"logprobs\":[]}]}],\"pa"
                + "rallel_tool_calls\":true,\"previous_response_id\":null,\"reasoning\":null,\"store\":true,\"temperatu"
                + "re\":null,\"text\":{\"format\":{\"type\":\"text\"}},\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":"
                + "null,\"truncation\":\"disabled\",\"usage\":{\"input_tokens\":0,\"input_tokens_details\":{\"cached_to"
                + "kens\":0,\"cache_write_tokens\":0},\"output_tokens\":0,\"output_tokens_details\":{\"reasoning_tokens"
                + "\":0},\"total_tokens\":0},\"user\":null,\"metadata\":{}}";

    private static final String E2 = "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1741476542,\"status\":\"completed\",\"back"
                + "ground\":false,\"error\":null,\"incomplete_details\":null,\"instructions\":\"Be brief.\",\"max_outpu"
                + "t_tokens\":256,\"model\":\"gpt-4.1\",\"output\":[{\"id\":\"msg_X\",\"type\":\"message\",\"status\":"
                + "\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hello\",\"ann"
                + "otations\":[],\"logprobs\":[]}]}],\"parallel_tool_calls\":false,\"previous_response_id\":\"resp_prev"
                + "\",\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"},\"store\":false,\"temperature\":0.7,\"te"
                + "xt\":{\"format\":{\"type\":\"json_schema\",\"name\":\"answer\",\"schema\":{\"type\":\"object\"},\"st"
                + "rict\":true}},\"tool_choice\":\"required\",\"tools\":[{\"type\":\"function\",\"name\":\"search\",\"d"
                + "escription\":\"Find\",\"parameters\":{\"type\":\"object\",\"properties\":{}}},{\"type\":\"custom\","
                + "\"name\":\"apply_patch\",\"description\":\"Patch\"}],\"top_p\":1,\"truncation\":\"auto\",\"usage\":{"
                + "\"input_tokens\":3,\"input_tokens_details\":{\"cached_tokens\":0,\"cache_write_tokens\":0},\"output_"
                + "tokens\":1,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":4},\"user\":\"u-1\","
                + "\"metadata\":{\"k\":\"v\",\"\u00e9\":\"\\\"q\\\"\"}}";
}
