package io.keyroute.routing.complexity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.wire.openai.OpenAiRequestReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request routes the same read from its translation as from its chat body. */
class CanonicalShapeTest {

    @Test
    void aTranslatedChatHasTheShapeOfItsBody() throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree("""
                {"model":"m","max_tokens":300,"stream":true,"response_format":{"type":"json_object"},
                 "messages":[{"role":"system","content":"Be brief."},
                  {"role":"user","content":[{"type":"text","text":"What is here?"},
                   {"type":"image_url","image_url":{"url":"https://example.com/a.png"}},
                   {"type":"file","file":{"filename":"r.pdf","file_data":"data:application/pdf;base64,JVBERi0xLjcK"}}]},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                   "function":{"name":"f","arguments":"{\\"q\\":1}"}}]},
                  {"role":"tool","tool_call_id":"c1","content":"done"},
                  {"role":"user","content":"And now?"}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}
                """);

        ChatShape fromBody = ChatBodyShape.of(body);
        ChatShape translated = CanonicalShape.of(OpenAiRequestReader.read(body), List.of());

        assertThat(translated.turns()).isEqualTo(fromBody.turns()).isEqualTo(4);
        assertThat(translated.images()).isEqualTo(fromBody.images()).isEqualTo(1);
        assertThat(translated.documents()).isEqualTo(fromBody.documents()).isEqualTo(1);
        assertThat(translated.tools()).isEqualTo(fromBody.tools()).isEqualTo(1);
        assertThat(translated.toolDefinitionChars()).isPositive();
        assertThat(translated.wantsJson()).isEqualTo(fromBody.wantsJson()).isTrue();
        assertThat(translated.maxOutputTokens()).isEqualTo(fromBody.maxOutputTokens());
        assertThat(translated.stream()).isTrue();
        assertThat(translated.lastUserText()).isEqualTo(fromBody.lastUserText()).isEqualTo("And now?");
        assertThat(String.join("", translated.texts())).contains("Be brief.", "What is here?", "{\"q\":1}", "done");
    }

    @Test
    void onlyPdfDocumentsNeedThePdfCapabilityAPlainTextOneIsText() throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree("""
                {"model":"m","max_tokens":30,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjcK"}},
                  {"type":"document","source":{"type":"url","url":"https://example.com/p.pdf"}},
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"Grass is green."}},
                  {"type":"text","text":"Which is true?"}]}]}""");

        ChatShape fromBody = ChatBodyShape.of(body);
        ChatShape translated = CanonicalShape.of(io.keyroute.api.wire.anthropic.AnthropicRequestReader.read(body), List.of());

        assertThat(translated.documents()).isEqualTo(fromBody.documents()).isEqualTo(2);
        assertThat(String.join("", translated.texts())).contains("Grass is green.", "Which is true?");
    }
}
