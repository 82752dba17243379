package io.keyroute.api.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.ResponseFormat;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import java.util.ArrayList;
import java.util.List;

/** OpenAI Chat Completions request JSON → {@link CanonicalRequest}. Invalid shapes are 400s naming the field. */
public final class OpenAiRequestReader {
    private OpenAiRequestReader() {
    }

    public static CanonicalRequest read(ObjectNode body) {
        Integer n = JsonFields.integer(body, "n", "n");
        if (n != null && n > 1) {
            throw ClientError.badRequest("unsupported_value",
                    "'n' greater than 1 is supported only by OpenAI-shaped providers.", "n");
        }
        List<Message> messages = new ArrayList<>();
        List<JsonNode> raw = JsonFields.array(body, "messages", "messages");
        for (int i = 0; i < raw.size(); i++) {
            messages.add(message(raw.get(i), "messages[" + i + "]"));
        }
        List<Tool> tools = new ArrayList<>();
        for (JsonNode t : JsonFields.array(body, "tools", "tools")) {
            JsonNode fn = t.path("function");
            String name = JsonFields.text(fn, "name", "tools.function.name");
            if (name == null) {
                throw ClientError.badRequest("missing_required_parameter", "Every tool needs 'function.name'.", "tools");
            }
            tools.add(new Tool(name, JsonFields.text(fn, "description", "tools.function.description"),
                    fn.get("parameters")));
        }
        Integer maxTokens = JsonFields.integer(body, "max_completion_tokens", "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = JsonFields.integer(body, "max_tokens", "max_tokens");
        }
        Params params = new Params(maxTokens,
                JsonFields.number(body, "temperature", "temperature"),
                JsonFields.number(body, "top_p", "top_p"),
                JsonFields.strings(body, "stop", "stop"),
                JsonFields.longValue(body, "seed", "seed"),
                responseFormat(body.get("response_format")),
                JsonFields.text(body, "user", "user"),
                JsonFields.bool(body, "parallel_tool_calls", "parallel_tool_calls"), thinking(body));
        boolean stream = Boolean.TRUE.equals(JsonFields.bool(body, "stream", "stream"));
        boolean includeUsage = Boolean.TRUE.equals(JsonFields.bool(body.path("stream_options"), "include_usage",
                "stream_options.include_usage"));
        return new CanonicalRequest(JsonFields.text(body, "model", "model"), messages, tools,
                toolChoice(body.get("tool_choice")), params, stream, includeUsage);
    }

    /** {@code reasoning_effort}, as the caller named it (the writers know the efforts they translate). */
    private static Thinking thinking(JsonNode body) {
        String effort = JsonFields.text(body, "reasoning_effort", "reasoning_effort");
        return effort == null ? null : Thinking.ofEffort(effort);
    }

    private static Message message(JsonNode m, String where) {
        String role = JsonFields.text(m, "role", where + ".role");
        if (role == null) {
            throw ClientError.badRequest("missing_required_parameter", "'" + where + ".role' is required.", where + ".role");
        }
        return switch (role) {
            case "system", "developer" -> new Message(Role.SYSTEM, content(m.get("content"), where));
            case "user" -> new Message(Role.USER, content(m.get("content"), where));
            case "assistant" -> assistant(m, where);
            case "tool" -> new Message(Role.TOOL, List.of(new Part.ToolResult(
                    JsonFields.text(m, "tool_call_id", where + ".tool_call_id"), content(m.get("content"), where), false)));
            default -> throw ClientError.badRequest("invalid_value",
                    "'" + where + ".role' must be system, developer, user, assistant or tool.", where + ".role");
        };
    }

    private static Message assistant(JsonNode m, String where) {
        List<Part> parts = new ArrayList<>(content(m.get("content"), where));
        for (JsonNode call : JsonFields.array(m, "tool_calls", where + ".tool_calls")) {
            JsonNode fn = call.path("function");
            parts.add(new Part.ToolCall(JsonFields.text(call, "id", where + ".tool_calls.id"),
                    JsonFields.text(fn, "name", where + ".tool_calls.function.name"),
                    JsonFields.text(fn, "arguments", where + ".tool_calls.function.arguments")));
        }
        return new Message(Role.ASSISTANT, parts);
    }

    private static List<Part> content(JsonNode content, String where) {
        if (content == null || content.isNull()) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(new Part.Text(content.asText()));
        }
        if (!content.isArray()) {
            throw JsonFields.invalid(where + ".content", "a string or an array of content parts");
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode p = content.get(i);
            String type = p.path("type").asText("");
            switch (type) {
                case "text" -> parts.add(new Part.Text(p.path("text").asText("")));
                case "image_url" -> parts.add(image(p.path("image_url").path("url").asText("")));
                case "file" -> parts.add(file(p.path("file"), where + ".content[" + i + "].file"));
                case "refusal" -> parts.add(new Part.Text(p.path("refusal").asText("")));
                default -> throw ClientError.badRequest("unsupported_content",
                        "Content parts of type '" + type + "' are not supported by this gateway.", where + ".content");
            }
        }
        return parts;
    }

    /** {@code data:<type>;base64,<data>} becomes an inline image; anything else stays a URL. */
    public static Part.Image image(String url) {
        if (url.startsWith("data:")) {
            int semi = url.indexOf(";base64,");
            if (semi > 5) {
                return Part.Image.inline(url.substring(5, semi), url.substring(semi + 8));
            }
        }
        return Part.Image.ofUrl(url);
    }

    /**
     * A {@code file} part ({@code ChatCompletionContentPartFileParam}): its bytes as {@code file_data}.
     * A {@code file_id} names a file in OpenAI's storage, which only OpenAI can read: this reader
     * translates for other providers (OpenAI gets the body as sent), so it is refused here.
     */
    private static Part.Document file(JsonNode file, String where) {
        if (JsonFields.text(file, "file_id", where + ".file_id") != null) {
            throw ClientError.badRequest("unsupported_parameter", "'" + where + ".file_id' refers to OpenAI's file "
                    + "storage, served by OpenAI only, not by this target: send the file's bytes as 'file_data'.",
                    where + ".file_id");
        }
        String data = JsonFields.text(file, "file_data", where + ".file_data");
        if (data == null) {
            throw ClientError.badRequest("missing_required_parameter", "'" + where + "' needs 'file_data' or 'file_id'.",
                    where + ".file_data");
        }
        return document(data, JsonFields.text(file, "filename", where + ".filename"), where + ".file_data");
    }

    /**
     * A file's bytes as OpenAI takes them: a {@code data:<type>;base64,} URL, or bare base64 (read as
     * a PDF, the one file type OpenAI's chat models read).
     */
    public static Part.Document document(String fileData, String filename, String param) {
        if (fileData.startsWith("data:")) {
            int semi = fileData.indexOf(";base64,");
            if (semi <= 5) {
                throw JsonFields.invalid(param, "base64 data, bare or as data:<media type>;base64,<data>");
            }
            return Part.Document.inline(fileData.substring(5, semi), fileData.substring(semi + 8), filename);
        }
        return Part.Document.inline(Part.Document.PDF, fileData, filename);
    }

    private static ToolChoice toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> ToolChoice.AUTO;
                case "required" -> ToolChoice.ANY;
                case "none" -> ToolChoice.NONE;
                default -> throw ClientError.badRequest("invalid_value",
                        "'tool_choice' must be auto, required, none or a named function.", "tool_choice");
            };
        }
        String name = choice.path("function").path("name").asText(null);
        if (name == null) {
            throw ClientError.badRequest("invalid_value", "'tool_choice.function.name' is required.", "tool_choice");
        }
        return ToolChoice.named(name);
    }

    private static ResponseFormat responseFormat(JsonNode format) {
        if (format == null || format.isNull()) {
            return null;
        }
        return switch (format.path("type").asText("")) {
            case "text" -> new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null);
            case "json_object" -> new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema");
                yield new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, schema.path("name").asText(null),
                        schema.get("schema"), schema.has("strict") ? schema.path("strict").asBoolean() : null);
            }
            default -> throw ClientError.badRequest("invalid_value",
                    "'response_format.type' must be text, json_object or json_schema.", "response_format");
        };
    }
}
