package io.keyroute.usage.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.wire.JsonSizes;
import io.keyroute.api.wire.responses.ClientTools;
import io.keyroute.usage.budget.BillableRequest.CacheWrite;
import io.keyroute.usage.budget.BillableRequest.Prompt;
import io.keyroute.usage.budget.BillableRequest.Tools;
import io.keyroute.usage.tokens.PdfPages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a {@link BillableRequest} from an OpenAI Chat Completions, OpenAI Responses or Anthropic
 * Messages body (their fields do not collide: Responses has {@code input}, {@code instructions},
 * {@code max_output_tokens} and {@code text.format} where the others have messages, a system
 * prompt, {@code max_tokens} and {@code response_format}) and the caller's headers. Text is counted by its UTF-8 bytes wherever the
 * model reads it; JSON keys and the {@code type} of parts are structure, not prompt, and are not
 * counted, except where the provider renders the JSON itself (tool definitions, tool-call inputs,
 * response schemas).
 */
public final class BillableRequestReader {
    private static final Set<String> IMAGE_PARTS = Set.of("image", "image_url", "input_image");
    /**
     * Document parts: Anthropic's {@code document}, OpenAI Chat's {@code file}, Responses'
     * {@code input_file}; and Anthropic's {@code container_upload}, a file its code execution reads.
     */
    private static final Set<String> DOCUMENT_PARTS = Set.of("document", "file", "input_file", "container_upload");
    /** The fields that name a document, which the model reads as text. */
    private static final List<String> DOCUMENT_NAMES = List.of("title", "context", "filename");
    /** Responses fields that continue a conversation whose earlier turns the body does not carry. */
    private static final List<String> CONTINUATIONS = List.of("previous_response_id", "conversation");
    /** Parts whose {@code input} object the model reads as JSON. */
    private static final Set<String> CALL_PARTS = Set.of("tool_use", "server_tool_use", "mcp_tool_use");
    /** Tool types the caller runs itself (OpenAI functions, Anthropic custom tools). */
    private static final Set<String> CALLER_TOOLS = Set.of("", "function", "custom");
    /** Responses tools the caller runs that a provider without that API is offered as functions ({@link ClientTools}). */
    private static final Set<String> TRANSLATED_TOOLS = Set.of("custom", ClientTools.LOCAL_SHELL);
    private static final Set<String> FORCING_CHOICES = Set.of("any", "tool", "required", "function", "allowed_tools");
    private static final int OPENAI_MAX_CHOICES = 128;
    private static final Set<String> JSON_FORMATS = Set.of("json_object", "json_schema");
    /**
     * What Anthropic reads of the answer tool that serves a {@code response_format}, its schema and
     * name aside (they are the format's, counted with it): {@code {"name":"json_response","description":
     * "Give the answer as JSON ().","input_schema":}…{@code }} and {@code {"type":"tool","name":"json_response"}},
     * 84 + 38 bytes.
     */
    static final int JSON_MODE_TOOL_TOKENS = 122;

    private BillableRequestReader() {
    }

    public static BillableRequest read(JsonNode body, Map<String, String> headers) {
        var prompt = new PromptCounter();
        for (JsonNode message : body.path("messages")) {
            prompt.message(message);
        }
        for (String turns : List.of("system", "instructions")) {
            if (!body.path(turns).isMissingNode() && !body.path(turns).isNull()) {
                prompt.messages++;
                prompt.walk(body.get(turns));
            }
        }
        for (String earlierTurns : CONTINUATIONS) {
            if (body.hasNonNull(earlierTurns)) {
                prompt.openEnded = true; // the provider (or Keyroute's stored chain) adds turns the body does not carry
            }
        }
        JsonNode input = body.path("input");
        if (input.isArray()) {
            input.forEach(prompt::message);
        } else if (!input.isMissingNode() && !input.isNull()) {
            prompt.message(input);
        }
        Tools tools = tools(body, prompt);
        for (String rendered : List.of("tool_choice", "response_format", "output_format", "functions", "function_call")) {
            if (body.hasNonNull(rendered)) {
                prompt.textBytes += jsonBytes(body.get(rendered));
            }
        }
        if (body.path("text").hasNonNull("format")) {
            prompt.textBytes += jsonBytes(body.get("text").get("format"));
        }
        prompt.cache(body.get("cache_control"));
        JsonNode n = body.path("n");
        int choices = n.canConvertToInt() && n.asInt() > 1 ? Math.min(n.asInt(), OPENAI_MAX_CHOICES) : 1;
        JsonNode prediction = body.path("prediction").path("content");
        String tier = body.path("service_tier").isTextual() ? body.get("service_tier").asText() : null;
        return new BillableRequest(
                new Prompt(prompt.textBytes, prompt.messages, prompt.names, prompt.images, prompt.pdfPages,
                        prompt.openEnded),
                tools, prompt.cacheWrite, choices, maxOutputTokens(body),
                prediction.isMissingNode() ? 0 : new PromptCounter().walked(prediction), betas(headers), tier);
    }

    /**
     * The largest of {@code max_tokens}, {@code max_completion_tokens} and {@code max_output_tokens}:
     * whichever the provider honours.
     */
    private static int maxOutputTokens(JsonNode body) {
        int max = 0;
        for (String field : List.of("max_tokens", "max_completion_tokens", "max_output_tokens")) {
            JsonNode limit = body.path(field);
            if (limit.isIntegralNumber() && limit.canConvertToInt()) {
                max = Math.max(max, limit.asInt());
            }
        }
        return max;
    }

    private static Tools tools(JsonNode body, PromptCounter prompt) {
        List<String> serverSide = new ArrayList<>();
        long builtIn = 0;
        boolean offered = body.path("functions").size() > 0;
        for (JsonNode tool : body.path("tools")) {
            offered = true;
            String type = tool.path("type").asText("");
            prompt.cache(tool.get("cache_control"));
            long added = AnthropicToolPrompt.builtInToolTokens(type);
            if (TRANSLATED_TOOLS.contains(type)) {
                // As sent (OpenAI's Responses API) or as the function it becomes: the bound covers both.
                prompt.textBytes += jsonBytes(tool) + functionBytes(ClientTools.function(tool));
            } else if (CALLER_TOOLS.contains(type) || added > 0) {
                prompt.textBytes += jsonBytes(tool);
                builtIn += added;
            } else {
                serverSide.add(type);
            }
        }
        if (body.hasNonNull("web_search_options")) {
            serverSide.add("web_search_options");
        }
        if (body.path("mcp_servers").size() > 0) {
            serverSide.add("mcp_servers");
        }
        JsonNode choice = body.path("tool_choice");
        String kind = choice.isTextual() ? choice.asText() : choice.path("type").asText("");
        boolean forced = FORCING_CHOICES.contains(kind);
        if (JSON_FORMATS.contains(body.path("response_format").path("type").asText(""))
                || JSON_FORMATS.contains(body.path("text").path("format").path("type").asText(""))) {
            // Anthropic answers it through a tool of Keyroute's (AnthropicJsonMode), forced when there is no other.
            forced |= !offered;
            offered = true;
            builtIn += JSON_MODE_TOOL_TOKENS;
        }
        return offered || !serverSide.isEmpty() ? new Tools(offered, forced, builtIn, serverSide) : Tools.NONE;
    }

    private static Set<String> betas(Map<String, String> headers) {
        String betas = headers.get("anthropic-beta");
        if (betas == null) {
            return Set.of();
        }
        return Arrays.stream(betas.split(",")).map(String::trim).filter(b -> !b.isEmpty()).collect(Collectors.toSet());
    }

    /** A function tool's name, description and schema as JSON. */
    private static long functionBytes(Tool function) {
        ObjectNode rendered = Json.MAPPER.createObjectNode().put("name", function.name())
                .put("description", function.description());
        rendered.set("parameters", function.parameters());
        return jsonBytes(rendered);
    }

    /** UTF-8 bytes of a node as the provider renders it, JSON and all (counted, not written out). */
    static long jsonBytes(JsonNode node) {
        return JsonSizes.utf8Bytes(node);
    }

    /** Counts a prompt's parts as it walks them. */
    private static final class PromptCounter {
        long textBytes;
        int messages;
        int names;
        int images;
        long pdfPages;
        boolean openEnded;
        CacheWrite cacheWrite = CacheWrite.NONE;

        void message(JsonNode message) {
            messages++;
            if (message.path("name").isTextual()) {
                names++;
            }
            walk(message);
        }

        long walked(JsonNode node) {
            walk(node);
            return textBytes;
        }

        void walk(JsonNode node) {
            if (node.isTextual()) {
                textBytes += JsonSizes.utf8Bytes(node.asText());
            } else if (node.isNumber() || node.isBoolean()) {
                textBytes += node.asText().length();
            } else if (node.isArray()) {
                node.forEach(this::walk);
            } else if (node.isObject()) {
                part(node);
            }
        }

        private void part(JsonNode part) {
            String type = part.path("type").asText("");
            cache(part.get("cache_control"));
            if (IMAGE_PARTS.contains(type)) {
                images++;
                return;
            }
            if (DOCUMENT_PARTS.contains(type) && !carriesItsText(part)) {
                document(part);
                return;
            }
            boolean call = CALL_PARTS.contains(type);
            for (Map.Entry<String, JsonNode> field : part.properties()) {
                String name = field.getKey();
                if (call && name.equals("input")) {
                    textBytes += jsonBytes(field.getValue());
                } else if (!name.equals("type") && !name.equals("cache_control")) {
                    walk(field.getValue());
                }
            }
        }

        /**
         * A document the model reads as a PDF's pages: counted from its bytes when the body carries
         * them, the most pages a provider reads when it is by URL; a file in a provider's storage
         * ({@code file_id}, a {@code container_upload}) is content the body does not carry.
         */
        private void document(JsonNode part) {
            for (String name : DOCUMENT_NAMES) {
                walk(part.path(name));
            }
            JsonNode source = part.has("source") ? part.get("source") : part.has("file") ? part.get("file") : part;
            JsonNode data = source.has("file_data") ? source.get("file_data") : source.get("data");
            if (data != null && data.isTextual()) {
                pdfPages += PdfPages.bound(base64Of(data.asText()));
            } else if (source.path("url").isTextual() || source.path("file_url").isTextual()) {
                pdfPages += PdfPages.MAX_PAGES;
            } else {
                openEnded = true;
            }
        }

        /** The base64 of OpenAI's {@code data:<type>;base64,<data>} or of bare data. */
        private static CharSequence base64Of(String data) {
            int comma = data.startsWith("data:") ? data.indexOf(',') : -1;
            return comma < 0 ? data : java.nio.CharBuffer.wrap(data, comma + 1, data.length());
        }

        /** An Anthropic document of plain text or content blocks in the body, read as its text (not a PDF's pages). */
        private static boolean carriesItsText(JsonNode part) {
            String source = part.path("source").path("type").asText("");
            return part.path("type").asText().equals("document") && (source.equals("text") || source.equals("content"));
        }

        void cache(JsonNode control) {
            if (control == null || !control.isObject()) {
                return;
            }
            CacheWrite asked = control.path("ttl").asText("").equals("1h") ? CacheWrite.ONE_HOUR : CacheWrite.FIVE_MINUTES;
            if (asked.compareTo(cacheWrite) > 0) {
                cacheWrite = asked;
            }
        }
    }
}
