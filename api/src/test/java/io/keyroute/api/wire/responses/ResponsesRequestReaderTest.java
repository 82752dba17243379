package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyroute.api.Json;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.ResponseFormat;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Request bodies in the shapes the official SDKs send ({@code ResponseCreateParams}, openai-java
 * 4.100.0; the examples of OpenAI's Responses API reference), read into the canonical request.
 */
class ResponsesRequestReaderTest {

    private static ResponsesRequest read(String json) {
        return ResponsesRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ClientError rejected(String json) {
        ClientError error = catchThrowableOfType(ClientError.class, () -> read(json));
        assertThat(error).as("a 400 for " + json).isNotNull();
        assertThat(error.type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(error.type().openAiType()).isEqualTo("invalid_request_error");
        return error;
    }

    @Test
    void aBodyReadBeforeReadsTheSameFromItsTreeWithoutBytes() {
        ResponsesRequest fromBytes = read("{\"model\":\"gpt-4.1\",\"instructions\":\"Be brief.\","
                + "\"input\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_output_tokens\":50,\"stream\":true,"
                + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{}}]}");

        ResponsesRequest fromTree = ResponsesRequestReader.read(fromBytes.body());

        assertThat(fromTree.body()).isSameAs(fromBytes.body());
        assertThat(fromTree.raw()).as("no bytes: a tree read again has none to splice").isNull();
        assertThat(fromTree.canonical()).isEqualTo(fromBytes.canonical());
        assertThat(fromTree.stream()).isTrue();
        assertThat(fromTree.chat().format()).isEqualTo(io.keyroute.api.WireFormat.OPENAI_RESPONSES);
        assertThat(fromBytes.chat().raw()).as("the chat form keeps the caller's bytes").isNotNull();
    }

    @Test
    void aStringInputIsOneUserTurnAndInstructionsLeadAsTheSystemPrompt() throws Exception {
        String json = """
                {"model":"gpt-4.1","instructions":"Talk like a pirate.","input":"Are semicolons optional in JavaScript?"}""";

        ResponsesRequest request = read(json);

        assertThat(request.model()).isEqualTo("gpt-4.1");
        assertThat(request.instructions()).isEqualTo("Talk like a pirate.");
        assertThat(request.canonical().messages()).containsExactly(
                Message.text(Role.SYSTEM, "Talk like a pirate."),
                Message.text(Role.USER, "Are semicolons optional in JavaScript?"));
        assertThat(request.stream()).isFalse();
        assertThat(request.store()).as("OpenAI stores by default").isTrue();
        assertThat(request.previousResponseId()).isNull();
        assertThat(request.translatable()).isTrue();
        assertThat(request.body()).isEqualTo(Json.MAPPER.readTree(json));
        assertThat(request.raw()).as("the caller's bytes, for a pass-through with the model spliced in").isNotNull();
        assertThat(request.raw().describes(request.body())).isTrue();
    }

    /** What Codex CLI sends: developer instructions, a function tool, reasoning, no storage, encrypted reasoning back. */
    @Test
    void aCodexShapedRequestMapsEverySetting() {
        ResponsesRequest request = read("""
                {"model":"gpt-5-codex","instructions":"You are Codex.",
                 "input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"<env>linux</env>"}]},
                          {"type":"message","role":"user","content":[{"type":"input_text","text":"list files"}]}],
                 "tools":[{"type":"function","name":"shell","description":"Runs a command","strict":false,
                           "parameters":{"type":"object","properties":{"command":{"type":"array","items":{"type":"string"}}},
                                         "required":["command"]}}],
                 "tool_choice":"auto","parallel_tool_calls":false,
                 "reasoning":{"effort":"medium","summary":"auto"},"store":false,"stream":true,
                 "include":["reasoning.encrypted_content"],"prompt_cache_key":"0199-abc",
                 "max_output_tokens":4096,"temperature":0.2,"top_p":0.9,"user":"u-42",
                 "truncation":"auto","metadata":{"session":"s1"},"previous_response_id":"resp_123"}""");

        CanonicalRequest canonical = request.canonical();
        assertThat(canonical.model()).isEqualTo("gpt-5-codex");
        assertThat(canonical.messages()).containsExactly(
                Message.text(Role.SYSTEM, "You are Codex."),
                Message.text(Role.SYSTEM, "<env>linux</env>"),
                Message.text(Role.USER, "list files"));
        assertThat(canonical.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("shell");
            assertThat(tool.description()).isEqualTo("Runs a command");
            assertThat(tool.parameters().path("required").get(0).asText()).isEqualTo("command");
        });
        assertThat(canonical.toolChoice()).isEqualTo(ToolChoice.AUTO);
        assertThat(canonical.stream()).isTrue();
        assertThat(canonical.includeUsage()).as("response.completed always carries usage").isTrue();
        assertThat(canonical.params().maxTokens()).isEqualTo(4096);
        assertThat(canonical.params().temperature()).isEqualTo(0.2);
        assertThat(canonical.params().topP()).isEqualTo(0.9);
        assertThat(canonical.params().user()).isEqualTo("u-42");
        assertThat(canonical.params().parallelToolCalls()).isFalse();
        assertThat(request.stream()).isTrue();
        assertThat(request.store()).isFalse();
        assertThat(request.include()).containsExactly("reasoning.encrypted_content");
        assertThat(request.reasoning()).isEqualTo(new ResponsesRequest.Reasoning("medium", "auto"));
        assertThat(request.truncation()).isEqualTo("auto");
        assertThat(request.metadata()).isEqualTo(Map.of("session", "s1"));
        assertThat(request.previousResponseId()).isEqualTo("resp_123");
        assertThat(request.translatable()).isTrue();
    }

    /**
     * A tool round trip as the Agents SDK sends it: the previous answer's output items (reasoning,
     * message, function call) fed back, then the function's output.
     */
    @Test
    void previousOutputItemsAndAFunctionOutputBecomeAnAssistantTurnAndAToolResult() {
        ResponsesRequest request = read("""
                {"model":"o4-mini","input":[
                  {"role":"user","content":"What is the weather in Paris?"},
                  {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Need the tool."}],
                   "encrypted_content":"gAAAAB..."},
                  {"type":"message","id":"msg_1","role":"assistant","status":"completed",
                   "content":[{"type":"output_text","text":"Let me check.","annotations":[]}]},
                  {"type":"function_call","id":"fc_1","call_id":"call_12345xyz","name":"get_weather",
                   "arguments":"{\\"location\\":\\"Paris, France\\"}","status":"completed"},
                  {"type":"function_call","id":"fc_2","call_id":"call_67890abc","name":"get_time","arguments":"{}"},
                  {"type":"function_call_output","call_id":"call_12345xyz","output":"{\\"temperature\\":18}"},
                  {"type":"function_call_output","call_id":"call_67890abc",
                   "output":[{"type":"input_text","text":"14:05"}]}]}""");

        assertThat(request.canonical().messages()).containsExactly(
                Message.text(Role.USER, "What is the weather in Paris?"),
                new Message(Role.ASSISTANT, List.of(new Part.Text("Let me check."),
                        new Part.ToolCall("call_12345xyz", "get_weather", "{\"location\":\"Paris, France\"}"),
                        new Part.ToolCall("call_67890abc", "get_time", "{}"))),
                new Message(Role.TOOL, List.of(new Part.ToolResult("call_12345xyz",
                        List.of(new Part.Text("{\"temperature\":18}")), false))),
                new Message(Role.TOOL, List.of(new Part.ToolResult("call_67890abc",
                        List.of(new Part.Text("14:05")), false))));
        assertThat(request.translatable()).as("reasoning items are OpenAI's to read; others need not see them").isTrue();
    }

    @Test
    void imagesAndFilesByUrlOrInlineArePartsAndFileIdsAreNamedAsOpenAiOnly() {
        ResponsesRequest request = read("""
                {"model":"gpt-4.1","input":[{"role":"user","content":[
                  {"type":"input_text","text":"Compare"},
                  {"type":"input_image","image_url":"https://example.com/a.png","detail":"auto"},
                  {"type":"input_image","image_url":"data:image/jpeg;base64,/9j/4AAQ"},
                  {"type":"input_image","file_id":"file-abc"},
                  {"type":"input_file","filename":"r.pdf","file_data":"data:application/pdf;base64,JVBER"},
                  {"type":"input_file","file_url":"https://example.com/p.pdf"},
                  {"type":"input_file","file_id":"file-def"}]}]}""");

        assertThat(request.canonical().messages()).containsExactly(new Message(Role.USER, List.of(
                new Part.Text("Compare"),
                Part.Image.ofUrl("https://example.com/a.png"),
                Part.Image.inline("image/jpeg", "/9j/4AAQ"),
                Part.Document.inline("application/pdf", "JVBER", "r.pdf"),
                Part.Document.ofUrl("https://example.com/p.pdf", null))));
        assertThat(request.openAiOnly()).containsExactly(
                "input[0].content[3] (input_image by file_id)", "input[0].content[6] (input_file by file_id)");
        assertThat(request.translatable()).isFalse();
    }

    @Test
    void anInputFileWithoutDataUrlOrIdIsA400NamingIt() {
        ClientError e = catchThrowableOfType(ClientError.class, () -> read("""
                {"model":"gpt-4.1","input":[{"role":"user","content":[{"type":"input_file","filename":"r.pdf"}]}]}"""));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.param()).contains("input[0].content[0].file_data");
    }

    @Test
    void builtInToolsAreKeptByTypeNameBesideTheFunctionToolsAndTheTranslatedOnes() {
        ResponsesRequest request = read("""
                {"model":"gpt-4.1","input":"hi","tools":[
                  {"type":"web_search"},{"type":"file_search","vector_store_ids":["vs_1"]},
                  {"type":"function","name":"lookup","parameters":{"type":"object","properties":{}}},
                  {"type":"computer_use_preview","display_width":1024,"display_height":768,"environment":"browser"},
                  {"type":"code_interpreter","container":{"type":"auto"}},{"type":"image_generation"},
                  {"type":"mcp","server_label":"deepwiki","server_url":"https://mcp.deepwiki.com/mcp"},
                  {"type":"local_shell"},{"type":"custom","name":"apply_patch","description":"Edits files"}]}""");

        assertThat(request.builtInTools()).containsExactly("web_search", "file_search", "computer_use_preview",
                "code_interpreter", "image_generation", "mcp");
        assertThat(request.canonical().tools()).extracting(Tool::name).containsExactly("lookup", "local_shell",
                "apply_patch");
        assertThat(request.onlyOpenAiServes()).startsWith("web_search tool", "file_search tool");
        assertThat(request.translatable()).isFalse();
    }

    @Test
    void aCustomToolIsAFunctionOfOneStringWhoseDescriptionGivesItsGrammar() {
        ResponsesRequest request = read("""
                {"model":"m","input":"x","tools":[{"type":"custom","name":"apply_patch","description":"Edits files.",
                  "format":{"type":"grammar","syntax":"lark","definition":"start: \\"*** Begin Patch\\" LF"}}],
                  "tool_choice":{"type":"custom","name":"apply_patch"}}""");

        Tool tool = request.canonical().tools().getFirst();
        assertThat(tool.description()).isEqualTo("Edits files.\n\nThe `input` argument is raw text (not JSON) that "
                + "must match this lark grammar:\nstart: \"*** Begin Patch\" LF");
        assertThat(tool.parameters().path("properties").path("input").path("type").asText()).isEqualTo("string");
        assertThat(tool.parameters().path("required").toString()).isEqualTo("[\"input\"]");
        assertThat(request.canonical().toolChoice()).isEqualTo(ToolChoice.named("apply_patch"));
        assertThat(request.clientTools().kindOf("apply_patch")).isEqualTo(ClientTools.Kind.CUSTOM);
        assertThat(request.translatable()).isTrue();
    }

    @Test
    void aNameTwoToolsShareWithACustomOrLocalShellToolIsRefused() {
        assertThat(rejected("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"custom\","
                + "\"name\":\"edit\"},{\"type\":\"function\",\"name\":\"edit\"}]}").param()).hasValue("tools[1].name");
        assertThat(rejected("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"function\","
                + "\"name\":\"local_shell\"},{\"type\":\"local_shell\"}]}").param()).hasValue("tools[1].name");
    }

    @Test
    void customAndLocalShellCallsAndOutputsAreReadAsToolCallsAndResults() {
        ResponsesRequest request = read("""
                {"model":"m","input":[
                  {"type":"custom_tool_call","call_id":"c1","name":"apply_patch","input":"*** Begin Patch\\n"},
                  {"type":"custom_tool_call_output","call_id":"c1","output":"Done"},
                  {"type":"local_shell_call","id":"lsh_1","call_id":"c2","status":"completed",
                   "action":{"type":"exec","command":["ls"],"env":{}}},
                  {"type":"local_shell_call_output","id":"lsh_1","output":"a.txt"}]}""");

        assertThat(request.canonical().messages()).containsExactly(
                new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c1", "apply_patch",
                        "{\"input\":\"*** Begin Patch\\n\"}"))),
                new Message(Role.TOOL, List.of(new Part.ToolResult("c1", List.of(new Part.Text("Done")), false))),
                new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c2", "local_shell",
                        "{\"command\":[\"ls\"],\"env\":{}}"))),
                new Message(Role.TOOL, List.of(new Part.ToolResult("c2", List.of(new Part.Text("a.txt")), false))));
        assertThat(request.translatable()).isTrue();
    }

    @Test
    void truncationIsAutoOrDisabled() {
        assertThat(read("{\"model\":\"m\",\"input\":\"x\",\"truncation\":\"auto\"}").truncation()).isEqualTo("auto");
        assertThat(rejected("{\"model\":\"m\",\"input\":\"x\",\"truncation\":\"oldest\"}").param())
                .hasValue("truncation");
    }

    @Test
    void toolChoiceInEachShape() {
        String tools = "\"tools\":[{\"type\":\"function\",\"name\":\"a\"},{\"type\":\"function\",\"name\":\"b\"}]";
        assertThat(read("{\"model\":\"m\",\"input\":\"x\"," + tools + ",\"tool_choice\":\"required\"}")
                .canonical().toolChoice()).isEqualTo(ToolChoice.ANY);
        assertThat(read("{\"model\":\"m\",\"input\":\"x\"," + tools + ",\"tool_choice\":\"none\"}")
                .canonical().toolChoice()).isEqualTo(ToolChoice.NONE);
        assertThat(read("{\"model\":\"m\",\"input\":\"x\"," + tools + ",\"tool_choice\":{\"type\":\"function\",\"name\":\"b\"}}")
                .canonical().toolChoice()).isEqualTo(ToolChoice.named("b"));

        ResponsesRequest allowed = read("{\"model\":\"m\",\"input\":\"x\"," + tools + ",\"tool_choice\":"
                + "{\"type\":\"allowed_tools\",\"mode\":\"required\",\"tools\":[{\"type\":\"function\",\"name\":\"b\"}]}}");
        assertThat(allowed.canonical().toolChoice()).isEqualTo(ToolChoice.ANY);
        assertThat(allowed.canonical().tools()).extracting(Tool::name).containsExactly("b");

        ResponsesRequest hosted = read("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search_preview\"}],"
                + "\"tool_choice\":{\"type\":\"web_search_preview\"}}");
        assertThat(hosted.openAiOnly()).containsExactly("tool_choice (web_search_preview)");
    }

    @Test
    void textFormatBecomesTheResponseFormat() {
        ResponsesRequest schema = read("""
                {"model":"m","input":"x","text":{"format":{"type":"json_schema","name":"event","strict":true,
                  "schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],
                            "additionalProperties":false}}}}""");
        ResponseFormat format = schema.canonical().params().responseFormat();
        assertThat(format.kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
        assertThat(format.name()).isEqualTo("event");
        assertThat(format.strict()).isTrue();
        assertThat(format.schema().path("required").get(0).asText()).isEqualTo("name");

        assertThat(read("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_object\"}}}")
                .canonical().params().responseFormat().kind()).isEqualTo(ResponseFormat.Kind.JSON_OBJECT);
        assertThat(read("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"text\"},\"verbosity\":\"low\"}}")
                .canonical().params().responseFormat().kind()).isEqualTo(ResponseFormat.Kind.TEXT);
        assertThat(read("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"verbosity\":\"low\"}}")
                .canonical().params().responseFormat()).isNull();
    }

    @Test
    void openAisServerSideStateIsNamedAsOpenAiOnly() {
        assertThat(read("{\"model\":\"m\",\"input\":\"x\",\"conversation\":\"conv_1\"}").openAiOnly())
                .containsExactly("conversation");
        assertThat(read("{\"model\":\"m\",\"input\":\"x\",\"prompt\":{\"id\":\"pmpt_1\"}}").openAiOnly())
                .containsExactly("prompt");
        assertThat(read("{\"model\":\"m\",\"input\":\"x\",\"background\":true}").openAiOnly())
                .containsExactly("background");
        assertThat(read("{\"model\":\"m\",\"input\":\"x\",\"background\":false}").openAiOnly()).isEmpty();
        assertThat(read("{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"},"
                + "{\"type\":\"web_search_call\",\"id\":\"ws_1\",\"status\":\"completed\"}]}").openAiOnly())
                .containsExactly("input[0] (item_reference)", "input[1] (web_search_call)");
    }

    @Test
    void reasoningsDeprecatedGenerateSummaryStillCounts() {
        assertThat(read("{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"generate_summary\":\"concise\"}}").reasoning())
                .isEqualTo(new ResponsesRequest.Reasoning(null, "concise"));
    }

    @Test
    void metadataIsBoundedAsOpenAiBoundsIt() {
        StringBuilder sixteen = new StringBuilder("{");
        for (int i = 0; i < 16; i++) {
            sixteen.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        assertThat(read("{\"model\":\"m\",\"input\":\"x\",\"metadata\":" + sixteen + "}}").metadata()).hasSize(16);
        assertThat(rejected("{\"model\":\"m\",\"input\":\"x\",\"metadata\":" + sixteen + ",\"k16\":\"v\"}}").param())
                .contains("metadata");
        assertThat(rejected("{\"model\":\"m\",\"input\":\"x\",\"metadata\":{\"" + "k".repeat(65) + "\":\"v\"}}").param())
                .contains("metadata");
        assertThat(rejected("{\"model\":\"m\",\"input\":\"x\",\"metadata\":{\"k\":\"" + "v".repeat(513) + "\"}}").param())
                .contains("metadata");
        assertThat(rejected("{\"model\":\"m\",\"input\":\"x\",\"metadata\":{\"k\":1}}").param()).contains("metadata");
    }

    @ParameterizedTest(name = "{0} -> param {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"input":"x"}                                                        | model
            {"model":7,"input":"x"}                                              | model
            {"model":"a b","input":"x"}                                          | model
            {"model":"m"}                                                        | input
            {"model":"m","input":7}                                              | input
            {"model":"m","input":[7]}                                            | input[0]
            {"model":"m","input":[{"content":"x"}]}                              | input[0].type
            {"model":"m","input":[{"type":"telepathy"}]}                         | input[0].type
            {"model":"m","input":[{"role":"robot","content":"x"}]}               | input[0].role
            {"model":"m","input":[{"role":"user"}]}                              | input[0].content
            {"model":"m","input":[{"role":"user","content":7}]}                  | input[0].content
            {"model":"m","input":[{"role":"user","content":[{"type":"input_video"}]}]} | input[0].content[0].type
            {"model":"m","input":[{"role":"user","content":[{"type":"input_text"}]}]}  | input[0].content[0].text
            {"model":"m","input":[{"role":"user","content":[{"type":"input_image"}]}]} | input[0].content[0].image_url
            {"model":"m","input":[{"type":"function_call","name":"f","arguments":"{}"}]} | input[0].call_id
            {"model":"m","input":[{"type":"function_call","call_id":"c","arguments":"{}"}]} | input[0].name
            {"model":"m","input":[{"type":"function_call_output","call_id":"c"}]} | input[0].output
            {"model":"m","input":"x","instructions":["a"]}                        | instructions
            {"model":"m","input":"x","stream":"true"}                             | stream
            {"model":"m","input":"x","store":1}                                   | store
            {"model":"m","input":"x","max_output_tokens":1.5}                     | max_output_tokens
            {"model":"m","input":"x","temperature":"hot"}                         | temperature
            {"model":"m","input":"x","top_p":"x"}                                 | top_p
            {"model":"m","input":"x","parallel_tool_calls":"no"}                  | parallel_tool_calls
            {"model":"m","input":"x","user":5}                                    | user
            {"model":"m","input":"x","previous_response_id":5}                    | previous_response_id
            {"model":"m","input":"x","truncation":true}                           | truncation
            {"model":"m","input":"x","include":"reasoning.encrypted_content"}     | include
            {"model":"m","input":"x","include":[1]}                               | include
            {"model":"m","input":"x","metadata":[]}                               | metadata
            {"model":"m","input":"x","reasoning":"high"}                          | reasoning
            {"model":"m","input":"x","reasoning":{"effort":3}}                    | reasoning.effort
            {"model":"m","input":"x","tools":{}}                                  | tools
            {"model":"m","input":"x","tools":[{"name":"f"}]}                      | tools[0].type
            {"model":"m","input":"x","tools":[{"type":"function"}]}               | tools[0].name
            {"model":"m","input":"x","tools":[{"type":"function","name":"f","parameters":"{}"}]} | tools[0].parameters
            {"model":"m","input":"x","tool_choice":"always"}                      | tool_choice
            {"model":"m","input":"x","tool_choice":{"type":"function"}}           | tool_choice.name
            {"model":"m","input":"x","tool_choice":{"type":"allowed_tools","mode":"none","tools":[]}} | tool_choice.mode
            {"model":"m","input":"x","text":"json"}                               | text
            {"model":"m","input":"x","text":{"format":{"type":"yaml"}}}           | text.format.type
            {"model":"m","input":"x","text":{"format":{"type":"json_schema","name":"n"}}} | text.format
            {"model":"m","input":"x","background":"yes"}                          | background
            {"model":"m","input":"x","Model":"other"}                             | Model
            """)
    void aWrongFieldIsA400NamingIt(String json, String param) {
        assertThat(rejected(json).param()).contains(param);
    }

    @Test
    void theBodyIsParsedWithTheChatReadersLimits() {
        assertThat(rejected("{\"model\":\"m\",").code()).isEqualTo("invalid_json");
        assertThat(rejected("[1]").code()).isEqualTo("invalid_json");
        String deep = "[".repeat(1100) + "]".repeat(1100);
        assertThat(rejected("{\"model\":\"m\",\"input\":" + deep + "}").code()).isEqualTo("json_limit_exceeded");
    }

    @Test
    void aCaseVariantOfAKeyRoutingReadsIsRefused() {
        ClientError error = rejected("{\"model\":\"m\",\"input\":\"x\",\"Max_Output_Tokens\":99999}");
        assertThat(error.code()).isEqualTo("unknown_parameter");
        assertThat(error.getMessage()).contains("max_output_tokens");
    }

    @Test
    void errorMessagesNeverQuoteTheCallersValues() {
        String secret = "sk-proj-" + "A".repeat(40);
        assertThat(rejected("{\"model\":\"m\",\"input\":[{\"type\":\"" + secret + "\"}]}").getMessage())
                .doesNotContain(secret);
        assertThat(rejected("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"" + secret
                + "\"}]}]}").getMessage()).doesNotContain(secret);
    }
}
