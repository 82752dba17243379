package io.keyroute.api.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.ThinkingBudgets;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages request JSON → {@link CanonicalRequest}. The top-level {@code system} becomes
 * a leading system message; a user turn's {@code tool_result} blocks become a tool turn ahead of
 * the rest of that turn; thinking blocks are reasoning with their signature, redacted ones
 * {@link Part.RedactedReasoning} (only an Anthropic upstream is sent them back); {@code thinking}
 * is {@link Thinking}: {@code enabled} its budget, {@code adaptive} the budget of the
 * {@code output_config.effort} sent with it ({@link ThinkingBudgets}' table: Claude Code's effort
 * setting) or else the default amount, {@code disabled} none. An Anthropic caller's thinking is
 * always a budget, never an OpenAI effort: a writer sends it only to a model that reasons.
 */
public final class AnthropicRequestReader {
    private AnthropicRequestReader() {
    }

    public static CanonicalRequest read(ObjectNode body) {
        List<Message> messages = new ArrayList<>();
        JsonNode system = body.get("system");
        if (system != null && !system.isNull()) {
            List<Part> parts = blocks(system, "system");
            if (!parts.isEmpty()) {
                messages.add(new Message(Role.SYSTEM, parts));
            }
        }
        List<JsonNode> raw = JsonFields.array(body, "messages", "messages");
        for (int i = 0; i < raw.size(); i++) {
            turn(raw.get(i), "messages[" + i + "]", messages);
        }
        List<Tool> tools = new ArrayList<>();
        for (JsonNode t : JsonFields.array(body, "tools", "tools")) {
            String name = JsonFields.text(t, "name", "tools.name");
            if (name == null) {
                throw ClientError.badRequest("missing_required_parameter", "Every tool needs a 'name'.", "tools");
            }
            tools.add(new Tool(name, JsonFields.text(t, "description", "tools.description"), t.get("input_schema")));
        }
        JsonNode choice = body.get("tool_choice");
        Boolean parallel = null;
        if (choice != null && choice.path("disable_parallel_tool_use").asBoolean(false)) {
            parallel = false;
        }
        Params params = new Params(JsonFields.integer(body, "max_tokens", "max_tokens"),
                JsonFields.number(body, "temperature", "temperature"),
                JsonFields.number(body, "top_p", "top_p"),
                JsonFields.strings(body, "stop_sequences", "stop_sequences"),
                null, null,
                JsonFields.text(body.path("metadata"), "user_id", "metadata.user_id"),
                parallel, thinking(body.get("thinking"), body.get("output_config")));
        boolean stream = Boolean.TRUE.equals(JsonFields.bool(body, "stream", "stream"));
        return new CanonicalRequest(JsonFields.text(body, "model", "model"), messages, tools, toolChoice(choice),
                params, stream, true);
    }

    private static void turn(JsonNode m, String where, List<Message> out) {
        String role = JsonFields.text(m, "role", where + ".role");
        if (!"user".equals(role) && !"assistant".equals(role)) {
            throw ClientError.badRequest("invalid_value", "'" + where + ".role' must be user or assistant.", where + ".role");
        }
        List<Part> parts = blocks(m.get("content"), where + ".content");
        if ("assistant".equals(role)) {
            out.add(new Message(Role.ASSISTANT, parts));
            return;
        }
        List<Part> results = new ArrayList<>();
        List<Part> rest = new ArrayList<>();
        for (Part p : parts) {
            (p instanceof Part.ToolResult ? results : rest).add(p);
        }
        if (!results.isEmpty()) {
            out.add(new Message(Role.TOOL, results));
        }
        if (!rest.isEmpty() || results.isEmpty()) {
            out.add(new Message(Role.USER, rest));
        }
    }

    private static List<Part> blocks(JsonNode content, String where) {
        if (content == null || content.isNull()) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(new Part.Text(content.asText()));
        }
        if (!content.isArray()) {
            throw JsonFields.invalid(where, "a string or an array of content blocks");
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode b = content.get(i);
            String type = b.path("type").asText("");
            switch (type) {
                case "text" -> parts.add(new Part.Text(b.path("text").asText("")));
                case "image" -> parts.add(image(b.path("source"), where));
                case "document" -> parts.add(document(b, where + "[" + i + "]"));
                case "tool_use" -> parts.add(new Part.ToolCall(b.path("id").asText(null), b.path("name").asText(""),
                        JsonFields.write(b.path("input").isMissingNode() ? JsonFields.object() : b.path("input"))));
                case "tool_result" -> parts.add(new Part.ToolResult(b.path("tool_use_id").asText(null),
                        blocks(b.get("content"), where + ".content"), b.path("is_error").asBoolean(false)));
                case "thinking" -> parts.add(new Part.Reasoning(b.path("thinking").asText(""),
                        AnthropicResponseReader.signature(b)));
                case "redacted_thinking" -> parts.add(new Part.RedactedReasoning(b.path("data").asText("")));
                default -> throw ClientError.badRequest("unsupported_content",
                        "Content blocks of type '" + type + "' are not supported by this gateway.", where);
            }
        }
        return parts;
    }

    private static Thinking thinking(JsonNode thinking, JsonNode outputConfig) {
        if (thinking == null || thinking.isNull()) {
            return null;
        }
        return switch (thinking.path("type").asText("")) {
            case "enabled" -> {
                Integer budget = JsonFields.integer(thinking, "budget_tokens", "thinking.budget_tokens");
                if (budget == null || budget < 0) {
                    throw ClientError.badRequest("invalid_value",
                            "'thinking.budget_tokens' must be a non-negative integer.", "thinking.budget_tokens");
                }
                yield Thinking.ofBudget(budget);
            }
            case "adaptive" -> {
                String effort = outputConfig == null ? null
                        : JsonFields.text(outputConfig, "effort", "output_config.effort");
                yield effort == null ? new Thinking(null, null)
                        : Thinking.ofBudget(ThinkingBudgets.budget(Thinking.ofEffort(effort)));
            }
            case "disabled" -> Thinking.ofBudget(0);
            default -> throw ClientError.badRequest("invalid_value",
                    "'thinking.type' must be enabled, adaptive or disabled.", "thinking.type");
        };
    }

    private static Part.Image image(JsonNode source, String where) {
        return switch (source.path("type").asText("")) {
            case "base64" -> Part.Image.inline(source.path("media_type").asText(""), source.path("data").asText(""));
            case "url" -> Part.Image.ofUrl(source.path("url").asText(""));
            default -> throw ClientError.badRequest("unsupported_content",
                    "Image sources must be of type base64 or url.", where);
        };
    }

    /**
     * A {@code document} block (the SDK's {@code DocumentBlockParam}): a PDF as {@code base64} or at a
     * {@code url}, plain {@code text}, or {@code content} blocks of text. Only Anthropic serves what
     * this reader is never asked to translate (requests to Anthropic pass through): a document from
     * its Files API ({@code file}) and citations.
     */
    private static Part.Document document(JsonNode block, String where) {
        if (block.path("citations").path("enabled").asBoolean(false)) {
            throw ClientError.badRequest("unsupported_parameter", "'" + where + ".citations' are served by "
                    + "Anthropic only, not by this target.", where + ".citations");
        }
        JsonNode source = block.path("source");
        String title = JsonFields.text(block, "title", where + ".title");
        String context = JsonFields.text(block, "context", where + ".context");
        String at = where + ".source";
        return switch (source.path("type").asText("")) {
            case "base64" -> new Part.Document(null, pdf(source, at), JsonFields.requiredText(source, "data", at), null, title, context);
            case "url" -> new Part.Document(JsonFields.requiredText(source, "url", at), Part.Document.PDF, null, null, title, context);
            case "text" -> new Part.Document(null, "text/plain", null, JsonFields.requiredText(source, "data", at), title, context);
            case "content" -> new Part.Document(null, "text/plain", null, contentText(source.get("content"), at),
                    title, context);
            case "file" -> throw ClientError.badRequest("unsupported_parameter", "'" + at + ".file_id' refers to "
                    + "Anthropic's Files API, served by Anthropic only, not by this target.", at + ".file_id");
            default -> throw ClientError.badRequest("unsupported_content",
                    "Document sources must be of type base64, url, text or content.", at + ".type");
        };
    }

    /** A base64 document is a PDF (Anthropic's {@code Base64PDFSource}). */
    private static String pdf(JsonNode source, String where) {
        String mediaType = JsonFields.requiredText(source, "media_type", where);
        if (!mediaType.equals(Part.Document.PDF)) {
            throw ClientError.badRequest("invalid_value", "'" + where + ".media_type' must be application/pdf.",
                    where + ".media_type");
        }
        return mediaType;
    }

    /** A {@code content} source: a string, or text blocks (joined a paragraph each). */
    private static String contentText(JsonNode content, String where) {
        List<Part> parts = blocks(content, where + ".content");
        if (!parts.stream().allMatch(Part.Text.class::isInstance)) {
            throw ClientError.badRequest("unsupported_content", "'" + where + ".content' can be translated for "
                    + "this target only when it holds text blocks.", where + ".content");
        }
        return String.join("\n\n", parts.stream().map(p -> ((Part.Text) p).text()).toList());
    }


    private static ToolChoice toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        return switch (choice.path("type").asText("")) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.ANY;
            case "none" -> ToolChoice.NONE;
            case "tool" -> ToolChoice.named(choice.path("name").asText(""));
            default -> throw ClientError.badRequest("invalid_value",
                    "'tool_choice.type' must be auto, any, tool or none.", "tool_choice");
        };
    }
}
