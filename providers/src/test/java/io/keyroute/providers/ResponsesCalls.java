package io.keyroute.providers;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import java.nio.charset.StandardCharsets;

/**
 * What a Responses API caller ({@code POST /v1/responses}) sends in each conformance case, compact
 * as openai-java's {@code responses().create} writes it, and carried to the adapter as the gateway
 * carries it ({@link io.keyroute.api.wire.responses.ResponsesRequest#chat()}: the body, its bytes kept).
 * The same questions as {@link CallerRequests}, so each kind's hooks describe both callers' calls.
 */
final class ResponsesCalls {
    /** The caller's model name: a pass-through rewrites this and nothing else. */
    static final String CALLER_MODEL = "caller/model";
    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\","
            + "\"description\":\"Current weather\",\"parameters\":{\"type\":\"object\",\"properties\":"
            + "{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}]";
    private static final String QUESTION = "{\"type\":\"message\",\"role\":\"user\",\"content\":"
            + "[{\"type\":\"input_text\",\"text\":\"Weather in Paris?\"}]}";

    private ResponsesCalls() {
    }

    /** {@code input} as a plain string, {@code text}. */
    static String plain(String text, boolean stream) {
        return body(stream, "\"input\":\"" + text + "\"");
    }

    /** A question with the get_weather tool. */
    static String tools(boolean stream) {
        return body(stream, "\"input\":[" + QUESTION + "]," + TOOLS);
    }

    /** The tool loop's second turn: the model's function_call and the caller's function_call_output for it. */
    static String toolResult() {
        return body(false, "\"input\":[" + QUESTION + ",{\"type\":\"function_call\",\"call_id\":\"call_1\","
                + "\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"Sunny, 21 C\"}]," + TOOLS);
    }

    /** A question about {@link CallerRequests#IMAGE}, as an input_image data URL. */
    static String vision() {
        return body(false, "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"What is in this picture?\"},{\"type\":\"input_image\",\"image_url\":"
                + "\"data:image/png;base64," + CallerRequests.IMAGE + "\"}]}]");
    }

    /** A question about {@link CallerRequests#PDF}, as an input_file named r.pdf. */
    static String pdf() {
        return body(false, "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"Summarise the report.\"},{\"type\":\"input_file\",\"filename\":\"r.pdf\","
                + "\"file_data\":\"data:application/pdf;base64," + CallerRequests.PDF + "\"}]}]");
    }

    /** text.format: a JSON schema with an integer {@code a}. */
    static String jsonSchema() {
        return body(false, "\"input\":\"Give me a.\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"answer\","
                + "\"schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"required\":[\"a\"]}}}");
    }

    /** A body as the gateway's adapters get it. */
    static ChatRequest read(String body) {
        return ResponsesRequestReader.read(body.getBytes(StandardCharsets.UTF_8)).chat();
    }

    private static String body(boolean stream, String fields) {
        return "{" + fields + ",\"model\":\"" + CALLER_MODEL + "\"" + (stream ? ",\"stream\":true" : "") + "}";
    }
}
