package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PDF documents through each inbound API to a provider of another family, over real HTTP to the
 * faithful fakes: Anthropic's {@code document} blocks to Gemini's {@code inlineData}, OpenAI Chat's
 * {@code file} parts to Anthropic's {@code document}, Responses' {@code input_file} to Anthropic and
 * Gemini. A file in OpenAI's storage ({@code file_id}) is a 400 naming it for any other provider,
 * with nothing sent upstream. (A 20 MB document: {@link LargeDocumentTest}.)
 */
class DocumentsTest {
    private static final String PDF = "JVBERi0xLjcK"; // "%PDF-1.7\n"
    private final ThreeUpstreams upstreams = new ThreeUpstreams();

    @AfterEach
    void stop() {
        upstreams.close();
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    private static String messages(String model, String data) {
        return """
                {"model":"%s","max_tokens":50,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"%s"},"title":"r.pdf"},
                  {"type":"text","text":"Summarise the report."}]}]}""".formatted(model, data);
    }

    @Test
    void anAnthropicDocumentReachesGeminiAsInlineData() throws Exception {
        HttpResponse<String> res = upstreams.keyroute.post("/messages", messages("gemini/gemini-2.5-flash", PDF));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res.body()).path("type").asText()).isEqualTo("message");
        JsonNode parts = upstreams.gemini.lastRequest().json().at("/contents/0/parts");
        assertThat(parts.get(0).path("inlineData").path("mimeType").asText()).isEqualTo("application/pdf");
        assertThat(parts.get(0).path("inlineData").path("data").asText()).isEqualTo(PDF);
        assertThat(parts.get(1).path("text").asText()).isEqualTo("Summarise the report.");
    }

    @Test
    void anOpenAiFilePartReachesAnthropicAsADocument() throws Exception {
        HttpResponse<String> res = upstreams.keyroute.post("/chat/completions", """
                {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":[
                  {"type":"file","file":{"filename":"r.pdf","file_data":"data:application/pdf;base64,%s"}},
                  {"type":"text","text":"Summarise the report."}]}]}""".formatted(PDF));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res.body()).path("object").asText()).isEqualTo("chat.completion");
        JsonNode document = upstreams.anthropic.lastRequest().json().at("/messages/0/content/0");
        assertThat(document.path("type").asText()).isEqualTo("document");
        assertThat(document.at("/source/type").asText()).isEqualTo("base64");
        assertThat(document.at("/source/media_type").asText()).isEqualTo("application/pdf");
        assertThat(document.at("/source/data").asText()).isEqualTo(PDF);
        assertThat(document.path("title").asText()).isEqualTo("r.pdf");
    }

    @Test
    void anOpenAiFileIdIsRefusedForAnthropicAndNothingIsSent() throws Exception {
        HttpResponse<String> res = upstreams.keyroute.post("/chat/completions", """
                {"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":[
                  {"type":"text","text":"Summarise."},{"type":"file","file":{"file_id":"file-abc123"}}]}]}""");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        JsonNode error = json(res.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unsupported_parameter");
        assertThat(error.path("param").asText()).isEqualTo("messages[0].content[1].file.file_id");
        assertThat(upstreams.anthropic.requests()).isEmpty();
    }

    @Test
    void aResponsesInputFileIsServedByAnthropicAndGemini() throws Exception {
        String body = """
                {"model":"%s","input":[{"role":"user","content":[
                  {"type":"input_file","filename":"r.pdf","file_data":"data:application/pdf;base64,%s"},
                  {"type":"input_file","file_url":"https://example.com/p.pdf"},
                  {"type":"input_text","text":"Compare them."}]}]}""";

        HttpResponse<String> toAnthropic = upstreams.keyroute.post("/responses",
                body.formatted("anthropic/claude-sonnet-4-5", PDF));
        HttpResponse<String> toGemini = upstreams.keyroute.post("/responses",
                body.formatted("gemini/gemini-2.5-flash", PDF));

        assertThat(toAnthropic.statusCode()).as(toAnthropic.body()).isEqualTo(200);
        assertThat(json(toAnthropic.body()).path("status").asText()).isEqualTo("completed");
        JsonNode content = upstreams.anthropic.lastRequest().json().at("/messages/0/content");
        assertThat(content.get(0).at("/source/data").asText()).isEqualTo(PDF);
        assertThat(content.get(0).path("title").asText()).isEqualTo("r.pdf");
        assertThat(content.get(1).at("/source/type").asText()).isEqualTo("url");
        assertThat(content.get(1).at("/source/url").asText()).isEqualTo("https://example.com/p.pdf");

        assertThat(toGemini.statusCode()).as(toGemini.body()).isEqualTo(200);
        JsonNode parts = upstreams.gemini.lastRequest().json().at("/contents/0/parts");
        assertThat(parts.get(0).at("/inlineData/data").asText()).isEqualTo(PDF);
        assertThat(parts.get(1).at("/fileData/fileUri").asText()).isEqualTo("https://example.com/p.pdf");
        assertThat(parts.get(1).at("/fileData/mimeType").asText()).isEqualTo("application/pdf");
    }

    @Test
    void aResponsesFileIdIsRefusedForGeminiAndNothingIsSent() throws Exception {
        HttpResponse<String> res = upstreams.keyroute.post("/responses", """
                {"model":"gemini/gemini-2.5-flash","input":[{"role":"user","content":[
                  {"type":"input_file","file_id":"file-abc123"},{"type":"input_text","text":"Summarise."}]}]}""");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        JsonNode error = json(res.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unsupported_parameter");
        assertThat(error.path("param").asText()).isEqualTo("input[0].content[0]");
        assertThat(error.path("message").asText()).contains("input_file by file_id");
        assertThat(upstreams.gemini.requests()).isEmpty();
    }
}
