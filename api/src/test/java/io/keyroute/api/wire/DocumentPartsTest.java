package io.keyroute.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.anthropic.AnthropicRequestReader;
import io.keyroute.api.wire.anthropic.AnthropicRequestWriter;
import io.keyroute.api.wire.openai.OpenAiRequestReader;
import io.keyroute.api.wire.openai.OpenAiRequestWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Documents through the chat readers and writers, in the SDKs' shapes: Anthropic's
 * {@code DocumentBlockParam} (base64 PDF, URL PDF, plain text, content blocks; title, context),
 * OpenAI Chat's {@code ChatCompletionContentPartFileParam} ({@code file_data}, {@code filename},
 * {@code file_id}).
 */
class DocumentPartsTest {
    private static final String PDF = "JVBERi0xLjQK"; // "%PDF-1.4\n"

    private static ObjectNode json(String text) {
        return (ObjectNode) JsonFields.parse(text);
    }

    private static List<Part> firstUserParts(CanonicalRequest request) {
        return request.messages().stream().filter(m -> m.role() == Role.USER).findFirst().orElseThrow().parts();
    }

    @Test
    void anthropicDocumentsOfEverySourceAreRead() {
        CanonicalRequest request = AnthropicRequestReader.read(json("""
                {"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"%s"},"title":"r.pdf"},
                  {"type":"document","source":{"type":"url","url":"https://example.com/p.pdf"}},
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"Grass is green."},
                   "title":"Facts","context":"A field guide."},
                  {"type":"document","source":{"type":"content","content":[{"type":"text","text":"One."},{"type":"text","text":"Two."}]}},
                  {"type":"text","text":"Summarise."}]}]}""".formatted(PDF)));

        assertThat(firstUserParts(request)).containsExactly(
                Part.Document.inline("application/pdf", PDF, "r.pdf"),
                Part.Document.ofUrl("https://example.com/p.pdf", null),
                new Part.Document(null, "text/plain", null, "Grass is green.", "Facts", "A field guide."),
                Part.Document.ofText("One.\n\nTwo.", null),
                new Part.Text("Summarise."));
    }

    @Test
    void whatOnlyAnthropicServesIsA400NamingTheField() {
        ClientError file = catchThrowableOfType(ClientError.class, () -> AnthropicRequestReader.read(json("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":[
                  {"type":"text","text":"x"},{"type":"document","source":{"type":"file","file_id":"file_011"}}]}]}""")));
        ClientError citations = catchThrowableOfType(ClientError.class, () -> AnthropicRequestReader.read(json("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"document",
                  "source":{"type":"text","media_type":"text/plain","data":"x"},"citations":{"enabled":true}}]}]}""")));
        ClientError notPdf = catchThrowableOfType(ClientError.class, () -> AnthropicRequestReader.read(json("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"document",
                  "source":{"type":"base64","media_type":"image/png","data":"x"}}]}]}""")));

        assertThat(file.status()).isEqualTo(400);
        assertThat(file.code()).isEqualTo("unsupported_parameter");
        assertThat(file.param()).contains("messages[0].content[1].source.file_id");
        assertThat(citations.code()).isEqualTo("unsupported_parameter");
        assertThat(citations.param()).contains("messages[0].content[0].citations");
        assertThat(notPdf.code()).isEqualTo("invalid_value");
        assertThat(notPdf.param()).contains("messages[0].content[0].source.media_type");
    }

    @Test
    void openAiFilePartsAreReadAndAFileIdIsRefusedForOtherProviders() {
        CanonicalRequest request = OpenAiRequestReader.read(json("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"file","file":{"filename":"r.pdf","file_data":"data:application/pdf;base64,%s"}},
                  {"type":"file","file":{"file_data":"%s"}},
                  {"type":"text","text":"Summarise."}]}]}""".formatted(PDF, PDF)));
        ClientError byId = catchThrowableOfType(ClientError.class, () -> OpenAiRequestReader.read(json("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"text","text":"x"},{"type":"file","file":{"file_id":"file-abc"}}]}]}""")));

        assertThat(firstUserParts(request)).containsExactly(
                Part.Document.inline("application/pdf", PDF, "r.pdf"),
                Part.Document.inline("application/pdf", PDF, null),
                new Part.Text("Summarise."));
        assertThat(byId.status()).isEqualTo(400);
        assertThat(byId.code()).isEqualTo("unsupported_parameter");
        assertThat(byId.param()).contains("messages[0].content[1].file.file_id");
    }

    @Test
    void anthropicDocumentsReachOpenAiAsFileParts() {
        CanonicalRequest request = AnthropicRequestReader.read(json("""
                {"model":"m","max_tokens":1,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"%s"},"title":"r.pdf"},
                  {"type":"text","text":"Summarise."}]}]}""".formatted(PDF)));

        JsonNode part = JsonFields.parse(OpenAiRequestWriter.write(request, "gpt-4o", null)).at("/messages/0/content/0");

        assertThat(part.path("type").asText()).isEqualTo("file");
        assertThat(part.at("/file/filename").asText()).isEqualTo("r.pdf");
        assertThat(part.at("/file/file_data").asText()).isEqualTo("data:application/pdf;base64," + PDF);
    }

    @Test
    void aDocumentByUrlCannotBeSentToAChatCompletionsApi() {
        CanonicalRequest request = new CanonicalRequest("m", List.of(new Message(Role.USER,
                List.of(Part.Document.ofUrl("https://example.com/p.pdf", null)))), List.of(), null,
                AnthropicRequestReader.read(json("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]}")).params(),
                false, false);

        ClientError e = catchThrowableOfType(ClientError.class, () -> OpenAiRequestWriter.write(request, "gpt-4o", null));

        assertThat(e.code()).isEqualTo("unsupported_parameter");
    }

    @Test
    void openAiFilePartsReachAnthropicAsDocumentBlocks() {
        CanonicalRequest request = OpenAiRequestReader.read(json("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"file","file":{"filename":"r.pdf","file_data":"data:application/pdf;base64,%s"}}]}]}"""
                .formatted(PDF)));

        JsonNode block = AnthropicRequestWriter.write(request, "claude-sonnet-4-5", 100).at("/messages/0/content/0");

        assertThat(block.toString()).isEqualTo("{\"type\":\"document\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"application/pdf\",\"data\":\"" + PDF + "\"},\"title\":\"r.pdf\"}");
    }

    @Test
    void aDocumentHasExactlyOneSource() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Part.Document("https://x/p.pdf", "application/pdf", PDF, null, null, null))).isNotNull();
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Part.Document(null, "application/pdf", null, null, null, null))).isNotNull();
    }
}
