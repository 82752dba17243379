package io.keyroute.routing.complexity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What the classifier reads from a caller's body, in either wire format. */
class ChatBodyShapeTest {
    private static ObjectNode body(String json) {
        return ChatBodies.parse(json);
    }

    @Test
    void aPlainTextMessageIsReadWithoutCopyingThePrompt() {
        ObjectNode body = body("""
                {"messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Summarise the report."}],
                 "max_tokens":64,"stream":true}""");

        ChatBodyShape shape = ChatBodyShape.of(body);

        String prompt = body.get("messages").get(1).get("content").textValue();
        assertThat(shape.texts()).containsExactly("Be terse.", "Summarise the report.");
        assertThat(shape.lastUserText()).isSameAs(prompt);
        assertThat(shape.texts().get(1)).isSameAs(prompt);
        assertThat(shape.turns()).isEqualTo(1);
        assertThat(shape.maxOutputTokens()).isEqualTo(OptionalInt.of(64));
        assertThat(shape.stream()).isTrue();
    }

    @Test
    void eachPartAndToolCallIsATextOfItsOwnAndImagesAreCounted() {
        ChatBodyShape shape = ChatBodyShape.of(body("""
                {"messages":[
                  {"role":"user","content":[{"type":"text","text":"What is in"},
                                            {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},
                                            {"type":"text","text":"this picture?"}]},
                  {"role":"assistant","content":"Let me look.","tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"zoom","arguments":"{\\"x\\":1}"}}]},
                  {"role":"assistant","content":null,"tool_calls":[
                    {"id":"call_2","type":"function","function":{"name":"crop","arguments":"{}"}}]}],
                 "response_format":{"type":"json_object"}}"""));

        assertThat(shape.texts()).containsExactly("What is in", "this picture?", "Let me look.", "{\"x\":1}", "{}");
        assertThat(shape.lastUserText()).isEqualTo("What is in\nthis picture?\n");
        assertThat(shape.images()).isEqualTo(1);
        assertThat(shape.turns()).isEqualTo(3);
        assertThat(shape.wantsJson()).isTrue();
        assertThat(shape.maxOutputTokens()).isEmpty();
    }

    @Test
    void anAnthropicMessagesBodyIsReadThroughTheFieldsBothFormatsShare() {
        ChatBodyShape shape = ChatBodyShape.of(body("""
                {"model":"anthropic/claude-haiku-4-5","max_tokens":256,"stream":true,
                 "tools":[{"name":"zoom","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"What is in"},
                   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}},
                   {"type":"text","text":"this picture?"}]}]}"""));

        assertThat(shape.texts()).containsExactly("What is in", "this picture?");
        assertThat(shape.lastUserText()).isEqualTo("What is in\nthis picture?\n");
        assertThat(shape.images()).isEqualTo(1);
        assertThat(shape.turns()).isEqualTo(1);
        assertThat(shape.tools()).isEqualTo(1);
        assertThat(shape.toolDefinitionChars()).isEqualTo("[{\"name\":\"zoom\",\"input_schema\":{\"type\":\"object\"}}]".length());
        assertThat(shape.wantsJson()).isFalse();
        assertThat(shape.maxOutputTokens()).isEqualTo(OptionalInt.of(256));
        assertThat(shape.stream()).isTrue();
    }

    @Test
    void anAgentsAnthropicTurnsAreReadWholeTheSystemPromptToolUsesAndResultsWithoutCopyingTheirStrings() {
        ObjectNode body = body("""
                {"model":"claude-sonnet-4-5","max_tokens":32000,
                 "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":"Fix the build."},
                  {"role":"assistant","content":[{"type":"text","text":"Reading it."},
                    {"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"/a.java"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"class A {}"},
                    {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"line 2"}]}]}]}""");

        ChatBodyShape shape = ChatBodyShape.of(body);

        assertThat(shape.texts()).containsExactly("You are Claude Code.", "Fix the build.", "Reading it.",
                "{\"file_path\":\"/a.java\"}", "class A {}", "line 2");
        String result = body.get("messages").get(2).get("content").get(0).get("content").textValue();
        assertThat(shape.texts().get(4)).isSameAs(result);
        assertThat(shape.lastUserText()).isEqualTo("Fix the build."); // tool results are not the user's words
        assertThat(shape.turns()).isEqualTo(3);
    }
}
