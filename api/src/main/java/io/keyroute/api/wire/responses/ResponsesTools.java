package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Responses request's {@code tools} and {@code tool_choice}. Shapes: {@code FunctionTool} and the
 * {@code Tool} union, {@code ToolChoiceOptions}, {@code ToolChoiceFunction}, {@code ToolChoiceAllowed}
 * (openai-java 4.100.0, {@code com.openai.models.responses}; the same names in openai/openai-openapi).
 * Function tools become canonical tools, and so do the tools the caller runs that are not functions
 * ({@code custom}, {@code local_shell}: {@link ClientTools}); every other tool is one OpenAI itself
 * runs (web search, file search, MCP, ...) and is kept by its type name, never dropped.
 *
 * @param functions    the function tools, translated ones included (those {@code allowed_tools}
 *                     allows, when it restricts them)
 * @param builtIn      the type names of the tools OpenAI runs, in order
 * @param choice       the canonical tool choice; null when not set
 * @param clientTools  which of {@code functions} are translated custom or local_shell tools
 */
record ResponsesTools(List<Tool> functions, List<String> builtIn, ToolChoice choice, ClientTools clientTools) {

    static ResponsesTools read(JsonNode body, List<String> openAiOnly) {
        List<Tool> functions = new ArrayList<>();
        List<String> builtIn = new ArrayList<>();
        var clientTools = new ClientTools.Builder();
        List<JsonNode> tools = JsonFields.array(body, "tools", "tools");
        for (int i = 0; i < tools.size(); i++) {
            String where = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            if (!tool.isObject()) {
                throw JsonFields.invalid(where, "an object");
            }
            String type = JsonFields.text(tool, "type", where + ".type");
            if (type == null) {
                throw ClientError.badRequest("missing_required_parameter", "'" + where + ".type' is required.",
                        where + ".type");
            }
            switch (type) {
                case "function" -> functions.add(named(function(tool, where), null, where, clientTools));
                case "custom" -> functions.add(named(custom(tool, where), ClientTools.Kind.CUSTOM, where, clientTools));
                case ClientTools.LOCAL_SHELL -> functions.add(named(ClientTools.function(tool),
                        ClientTools.Kind.LOCAL_SHELL, where, clientTools));
                default -> builtIn.add(type);
            }
        }
        return choice(body.get("tool_choice"), functions, builtIn, openAiOnly).with(clientTools.build());
    }

    private ResponsesTools with(ClientTools translated) {
        return new ResponsesTools(functions, builtIn, choice, translated);
    }

    private static Tool named(Tool tool, ClientTools.Kind kind, String where, ClientTools.Builder clientTools) {
        clientTools.add(tool.name(), kind, where + ".name");
        return tool;
    }

    /** {@code CustomToolParam}: a name, and a format that is text or a grammar (lark or regex). */
    private static Tool custom(JsonNode tool, String where) {
        String name = JsonFields.text(tool, "name", where + ".name");
        if (name == null || name.isEmpty()) {
            throw ClientError.badRequest("missing_required_parameter", "'" + where + ".name' is required.",
                    where + ".name");
        }
        JsonFields.text(tool, "description", where + ".description");
        JsonNode format = tool.get("format");
        if (format != null && !format.isNull()) {
            if (!format.isObject()) {
                throw JsonFields.invalid(where + ".format", "an object");
            }
            String type = JsonFields.text(format, "type", where + ".format.type");
            if ("grammar".equals(type)) {
                JsonFields.text(format, "syntax", where + ".format.syntax");
                if (JsonFields.text(format, "definition", where + ".format.definition") == null) {
                    throw ClientError.badRequest("missing_required_parameter",
                            "'" + where + ".format.definition' is required for a grammar.", where + ".format.definition");
                }
            } else if (!"text".equals(type)) {
                throw ClientError.badRequest("invalid_value", "'" + where + ".format.type' must be text or grammar.",
                        where + ".format.type");
            }
        }
        return ClientTools.function(tool);
    }

    private static Tool function(JsonNode tool, String where) {
        String name = JsonFields.text(tool, "name", where + ".name");
        if (name == null || name.isEmpty()) {
            throw ClientError.badRequest("missing_required_parameter", "'" + where + ".name' is required.",
                    where + ".name");
        }
        JsonNode parameters = tool.get("parameters");
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            throw JsonFields.invalid(where + ".parameters", "a JSON schema object");
        }
        JsonFields.bool(tool, "strict", where + ".strict");
        return new Tool(name, JsonFields.text(tool, "description", where + ".description"),
                parameters == null || parameters.isNull() ? null : parameters);
    }

    private static ResponsesTools choice(JsonNode choice, List<Tool> functions, List<String> builtIn,
                                         List<String> openAiOnly) {
        if (choice == null || choice.isNull()) {
            return new ResponsesTools(functions, builtIn, null, ClientTools.NONE);
        }
        if (choice.isTextual()) {
            return new ResponsesTools(functions, builtIn, mode(choice.asText(), "tool_choice"), ClientTools.NONE);
        }
        if (!choice.isObject()) {
            throw JsonFields.invalid("tool_choice", "a string or an object");
        }
        String type = JsonFields.text(choice, "type", "tool_choice.type");
        if (type == null) {
            throw ClientError.badRequest("missing_required_parameter", "'tool_choice.type' is required.",
                    "tool_choice.type");
        }
        return switch (type) {
            case "function", "custom" -> {
                String name = JsonFields.text(choice, "name", "tool_choice.name");
                if (name == null) {
                    throw ClientError.badRequest("missing_required_parameter", "'tool_choice.name' is required.",
                            "tool_choice.name");
                }
                yield new ResponsesTools(functions, builtIn, ToolChoice.named(name), ClientTools.NONE);
            }
            case "allowed_tools" -> allowed(choice, functions, builtIn);
            default -> {
                // A hosted tool, an MCP server's or a custom tool: OpenAI's own tools.
                openAiOnly.add("tool_choice (" + type + ")");
                yield new ResponsesTools(functions, builtIn, null, ClientTools.NONE);
            }
        };
    }

    /** {@code allowed_tools}: the functions it names are the ones offered, in its mode. */
    private static ResponsesTools allowed(JsonNode choice, List<Tool> functions, List<String> builtIn) {
        String mode = JsonFields.text(choice, "mode", "tool_choice.mode");
        if (mode == null) {
            throw ClientError.badRequest("missing_required_parameter", "'tool_choice.mode' is required.",
                    "tool_choice.mode");
        }
        if (!mode.equals("auto") && !mode.equals("required")) {
            throw ClientError.badRequest("invalid_value", "'tool_choice.mode' must be auto or required.",
                    "tool_choice.mode");
        }
        Set<String> names = new HashSet<>();
        JsonNode allowed = choice.get("tools");
        if (allowed == null || !allowed.isArray()) {
            throw JsonFields.invalid("tool_choice.tools", "an array");
        }
        for (JsonNode tool : allowed) {
            String type = tool.path("type").asText("");
            if (type.equals("function") || type.equals("custom")) {
                names.add(tool.path("name").asText(""));
            } else if (type.equals(ClientTools.LOCAL_SHELL)) {
                names.add(ClientTools.LOCAL_SHELL);
            }
        }
        return new ResponsesTools(functions.stream().filter(f -> names.contains(f.name())).toList(), builtIn,
                mode(mode, "tool_choice.mode"), ClientTools.NONE);
    }

    private static ToolChoice mode(String mode, String param) {
        return switch (mode) {
            case "auto" -> ToolChoice.AUTO;
            case "required" -> ToolChoice.ANY;
            case "none" -> ToolChoice.NONE;
            default -> throw ClientError.badRequest("invalid_value",
                    "'" + param + "' must be auto, required, none or an object naming a tool.", param);
        };
    }
}
