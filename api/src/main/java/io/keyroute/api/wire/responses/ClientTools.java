package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import java.util.HashMap;
import java.util.Map;

/**
 * The Responses API's tools that the caller runs but that are not functions: a {@code custom}
 * (freeform) tool, such as Codex's {@code apply_patch}, and {@code local_shell}. A provider without
 * OpenAI's Responses API gets each as a function tool, since its model only has to emit a call the
 * caller runs: a custom tool takes one string argument, {@code input}, and its format (a Lark or
 * regex grammar) is written into the description; {@code local_shell} takes the exec action's
 * fields. Calls to them go back to the caller in the tool's own item ({@code custom_tool_call},
 * {@code local_shell_call}), which is why a name must say one tool only.
 *
 * <p>Shapes: the spec's CustomToolParam, CustomToolCall, LocalShellToolCall and its exec action
 * (openai-openapi openapi.yaml; openai-java 4.100.0 {@code ResponseCustomToolCall},
 * {@code ResponseOutputItem.LocalShellCall}); Codex's {@code codex-rs} tool specs send them.
 */
public final class ClientTools {
    /** The function name {@code local_shell} is offered under: the tool has no name of its own. */
    public static final String LOCAL_SHELL = "local_shell";
    private static final String LOCAL_SHELL_DESCRIPTION = "Runs a command on the user's computer and returns its "
            + "output. Give the command as argv, e.g. [\"bash\", \"-lc\", \"ls -la\"].";
    private static final String INPUT = "input";

    /** What a translated tool's calls are answered as, by the name the model calls. */
    public enum Kind {
        CUSTOM, LOCAL_SHELL
    }

    private final Map<String, Kind> byName;

    private ClientTools(Map<String, Kind> byName) {
        this.byName = Map.copyOf(byName);
    }

    static final ClientTools NONE = new ClientTools(Map.of());

    /** The kind of tool {@code name} is, or null for a function (or a name no tool has). */
    public Kind kindOf(String name) {
        return byName.get(name);
    }

    /**
     * The function a provider without the Responses API is offered instead of {@code tool}, a
     * {@code custom} or {@code local_shell} tool of a request (checked when it was read).
     */
    public static Tool function(JsonNode tool) {
        if (LOCAL_SHELL.equals(tool.path("type").asText())) {
            return new Tool(LOCAL_SHELL, LOCAL_SHELL_DESCRIPTION, localShellParameters());
        }
        ObjectNode parameters = JsonFields.object().put("type", "object");
        parameters.putObject("properties").putObject(INPUT).put("type", "string")
                .put("description", "The tool's whole input as raw text, in the format the tool's description gives.");
        parameters.putArray("required").add(INPUT);
        parameters.put("additionalProperties", false);
        return new Tool(tool.path("name").asText(), customDescription(tool), parameters);
    }

    /** The caller's description, then the format the input must have: a freeform tool's call is that text alone. */
    private static String customDescription(JsonNode tool) {
        StringBuilder description = new StringBuilder(tool.path("description").asText(""));
        JsonNode format = tool.path("format");
        if ("grammar".equals(format.path("type").asText())) {
            description.append(description.isEmpty() ? "" : "\n\n").append("The `input` argument is raw text (not JSON) "
                    + "that must match this ").append(format.path("syntax").asText("lark")).append(" grammar:\n")
                    .append(format.path("definition").asText(""));
        }
        return description.toString();
    }

    /** The exec action's fields, as {@code LocalShellExecAction} has them (its {@code type} aside). */
    private static ObjectNode localShellParameters() {
        ObjectNode parameters = JsonFields.object().put("type", "object");
        ObjectNode properties = parameters.putObject("properties");
        properties.putObject("command").put("type", "array").put("description", "The command and its arguments.")
                .putObject("items").put("type", "string");
        properties.putObject("working_directory").put("type", "string");
        properties.putObject("timeout_ms").put("type", "integer");
        properties.putObject("env").put("type", "object").putObject("additionalProperties").put("type", "string");
        properties.putObject("user").put("type", "string");
        parameters.putArray("required").add("command");
        return parameters;
    }

    /** A custom tool call's input from the arguments the model gave its function: their {@code input}, else them as sent. */
    static String customInput(String arguments) {
        JsonNode parsed = JsonFields.parseLenient(arguments);
        JsonNode input = parsed.path(INPUT);
        return input.isTextual() ? input.asText() : arguments;
    }

    /** A custom tool call read back as the arguments its function takes. */
    static String customArguments(String input) {
        return JsonFields.write(JsonFields.object().put(INPUT, input));
    }

    /**
     * A {@code local_shell_call}'s action from the arguments the model gave its function: an
     * {@code exec} whose {@code env} is always there (the spec requires it) and whose {@code command}
     * is the strings given (one string is a one-word command).
     */
    static ObjectNode shellAction(String arguments) {
        JsonNode parsed = JsonFields.parseLenient(arguments);
        ObjectNode action = JsonFields.object().put("type", "exec");
        ArrayNode command = action.putArray("command");
        JsonNode given = parsed.path("command");
        if (given.isTextual()) {
            command.add(given.asText());
        }
        given.forEach(word -> command.add(word.asText()));
        action.set("env", parsed.path("env").isObject() ? parsed.get("env") : JsonFields.object());
        for (String field : new String[] {"timeout_ms", "working_directory", "user"}) {
            if (parsed.hasNonNull(field)) {
                action.set(field, parsed.get(field));
            }
        }
        return action;
    }

    /** A {@code local_shell_call}'s action read back as the arguments its function takes. */
    static String shellArguments(JsonNode action) {
        ObjectNode arguments = action.deepCopy();
        arguments.remove("type");
        return JsonFields.write(arguments);
    }

    /** Collects a request's translated tools, refusing a name two tools share. */
    static final class Builder {
        private final Map<String, Kind> byName = new HashMap<>();
        private final Map<String, String> firstWhere = new HashMap<>();

        /** @param kind null for a function tool */
        void add(String name, Kind kind, String where) {
            String earlier = firstWhere.putIfAbsent(name, where);
            if (earlier != null && (kind != null || byName.containsKey(name))) {
                throw ClientError.badRequest("invalid_value", "'" + where + "' is named '" + name + "' as '" + earlier
                        + "' is: a custom or local_shell tool's name must be its own, since its calls are answered "
                        + "in their own items.", where);
            }
            if (kind != null) {
                byName.put(name, kind);
            }
        }

        ClientTools build() {
            return byName.isEmpty() ? NONE : new ClientTools(byName);
        }
    }
}
