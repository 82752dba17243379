package io.keyroute.providers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.EmbeddingsRequest;
import io.keyroute.api.Json;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.api.wire.openai.OpenAiEmbeddingsRequestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** What an OpenAI Chat caller sends in each conformance case, read as the gateway reads it. */
public final class CallerRequests {
    /** The caller's image: a PNG's first bytes, base64. */
    public static final String IMAGE = "iVBORw0KGgo=";
    private static final String TOOLS = """
            "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
             "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""";

    private CallerRequests() {
    }

    /** One user message, {@code text}. */
    static ChatRequest plain(String text, boolean stream) {
        return chat(stream, "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]");
    }

    /** One user message, streamed with {@code stream_options.include_usage}: the caller gets a usage chunk. */
    static ChatRequest plainWithUsage(String text) {
        return chat(true, "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]");
    }

    /** One user message with {@code reasoning_effort: low} and no output limit. */
    static ChatRequest reasoning(boolean stream) {
        return chat(stream, "\"reasoning_effort\":\"low\",\"messages\":[{\"role\":\"user\",\"content\":\"Is 91 prime?\"}]");
    }

    /** A question with the get_weather tool. */
    static ChatRequest tools(boolean stream) {
        return chat(stream, "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]," + TOOLS);
    }

    /** A question about {@link #IMAGE}, as a data URL. */
    static ChatRequest vision() {
        return chat(false, "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"What is in this picture?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
                + "\"data:image/png;base64," + IMAGE + "\"}}]}]");
    }

    /** The bytes of a PDF ("%PDF-1.7\n"), base64. */
    public static final String PDF = "JVBERi0xLjcK";

    /** A question about a PDF sent as an OpenAI {@code file} part, named r.pdf. */
    static ChatRequest pdf() {
        return chat(false, "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"Summarise the report.\"},{\"type\":\"file\",\"file\":{\"filename\":\"r.pdf\","
                + "\"file_data\":\"data:application/pdf;base64," + PDF + "\"}}]}]");
    }

    /** A response_format: a JSON schema with an integer {@code a}. */
    static ChatRequest jsonMode() {
        return chat(false, "\"messages\":[{\"role\":\"user\",\"content\":\"Give me a.\"}],"
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"answer\",\"schema\":"
                + "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"required\":[\"a\"]}}}");
    }

    /** Embeddings of "alpha" and "beta". */
    static EmbeddingsRequest embeddings() {
        return OpenAiEmbeddingsRequestReader.read(
                "{\"model\":\"e\",\"input\":[\"alpha\",\"beta\"]}".getBytes(StandardCharsets.UTF_8));
    }

    /** JSON text as a tree, for comparing bodies. */
    public static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChatRequest chat(boolean stream, String fields) {
        String body = "{\"model\":\"m\"," + (stream ? "\"stream\":true," : "") + fields + "}";
        return OpenAiChatRequestReader.read(body.getBytes(StandardCharsets.UTF_8));
    }
}
