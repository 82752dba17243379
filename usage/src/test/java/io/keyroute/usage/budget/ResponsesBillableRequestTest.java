package io.keyroute.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.wire.responses.ClientTools;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link BillableRequestReader} on an OpenAI Responses body: what a budget reserves for {@code POST /v1/responses}. */
class ResponsesBillableRequestTest {

    private static BillableRequest read(String json) throws Exception {
        return BillableRequestReader.read(Json.MAPPER.readTree(json), Map.of());
    }

    @Test
    void instructionsAndAStringInputAreThePromptAndMaxOutputTokensTheOutputBound() throws Exception {
        BillableRequest request = read("{\"model\":\"m\",\"instructions\":\"Be brief.\",\"input\":\"hello\","
                + "\"max_output_tokens\":300}");

        assertThat(request.prompt().textBytes()).isEqualTo(9 + 5);
        assertThat(request.prompt().messages()).isEqualTo(2);
        assertThat(request.maxOutputTokens()).isEqualTo(300);
        assertThat(request.tools()).isEqualTo(BillableRequest.Tools.NONE);
    }

    @Test
    void inputItemsCountAsTurnsWithTheirImagesFilesAndCalls() throws Exception {
        BillableRequest request = read("{\"model\":\"m\",\"input\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hello\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"https://example.com/a.png\"},"
                + "{\"type\":\"input_file\",\"file_id\":\"file-1\"}]},"
                + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"sunny\"}]}");

        assertThat(request.prompt().messages()).isEqualTo(3);
        assertThat(request.prompt().images()).isEqualTo(1);
        assertThat(request.prompt().openEnded()).isTrue();
        // "user" + "hello"; "c1" + "f" + "{}"; "c1" + "sunny"
        assertThat(request.prompt().textBytes()).isEqualTo(4 + 5 + 2 + 1 + 2 + 2 + 5);
    }

    @Test
    void functionToolsArePromptBuiltInToolsServerSideAndAJsonFormatIsRendered() throws Exception {
        String format = "{\"type\":\"json_schema\",\"name\":\"p\",\"schema\":{\"type\":\"object\"}}";
        BillableRequest request = read("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":" + format + "},"
                + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{}},{\"type\":\"web_search\"}]}");

        assertThat(request.tools().offered()).isTrue();
        assertThat(request.tools().serverSide()).containsExactly("web_search");
        assertThat(request.tools().builtInTokens()).isEqualTo(BillableRequestReader.JSON_MODE_TOOL_TOKENS);
        long function = "{\"type\":\"function\",\"name\":\"f\",\"parameters\":{}}".length();
        assertThat(request.prompt().textBytes()).isEqualTo(1 + function + format.length());
    }

    /**
     * Codex's freeform and local_shell tools are read by a provider without the Responses API as the
     * functions they become (ClientTools), larger than the tool as sent: both are reserved, never as a
     * server-side tool.
     */
    @Test
    void customAndLocalShellToolsCountAsSentAndAsTheFunctionsTheyBecome() throws Exception {
        String custom = "{\"type\":\"custom\",\"name\":\"apply_patch\",\"description\":\"Edits files.\","
                + "\"format\":{\"type\":\"grammar\",\"syntax\":\"lark\",\"definition\":\"start: x\"}}";
        BillableRequest request = read("{\"model\":\"m\",\"input\":\"x\",\"tools\":[" + custom
                + ",{\"type\":\"local_shell\"}]}");

        assertThat(request.tools().serverSide()).isEmpty();
        long functions = 0;
        for (JsonNode tool : Json.MAPPER.readTree("[" + custom + ",{\"type\":\"local_shell\"}]")) {
            Tool function = ClientTools.function(tool);
            ObjectNode rendered = Json.MAPPER.createObjectNode().put("name", function.name())
                    .put("description", function.description());
            rendered.set("parameters", function.parameters());
            functions += rendered.toString().length();
        }
        assertThat(request.prompt().textBytes())
                .isEqualTo(1 + custom.length() + "{\"type\":\"local_shell\"}".length() + functions);
    }

    /**
     * A continued conversation's earlier turns are not in the body (OpenAI keeps them, or Keyroute prepends its
     * stored chain): a budget bounds its prompt by the model's context window, never by the new turn alone.
     */
    @Test
    void aContinuedConversationIsOpenEnded() throws Exception {
        assertThat(read("{\"model\":\"m\",\"input\":\"and then?\",\"previous_response_id\":\"resp_1\"}")
                .prompt().openEnded()).isTrue();
        assertThat(read("{\"model\":\"m\",\"input\":\"and then?\",\"conversation\":\"conv_1\"}")
                .prompt().openEnded()).isTrue();
        assertThat(read("{\"model\":\"m\",\"input\":\"and then?\",\"previous_response_id\":null}")
                .prompt().openEnded()).isFalse();
    }
}
