package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.openai.OpenAiRequestReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Responses request's {@code input} → canonical turns. The shapes are the SDK's: input items
 * ({@code com.openai.models.responses.ResponseInputItem} and {@code EasyInputMessage}, openai-java
 * 4.100.0; {@code InputItem} in openai/openai-openapi), content parts {@code ResponseInputText},
 * {@code ResponseInputImage}, {@code ResponseInputFile}, {@code ResponseOutputText},
 * {@code ResponseOutputRefusal}.
 *
 * <p>An assistant message and the function calls after it are one canonical assistant turn, as a
 * chat has them. A {@code reasoning} item whose {@code encrypted_content} Keyroute wrote is the
 * provider's signed reasoning again ({@link ReasoningContent}), in the assistant turn it began; any
 * other is left out: only OpenAI can read its encrypted content back, and it receives the caller's
 * body as sent. Calls of the tools the caller runs that are not functions ({@code custom_tool_call},
 * {@code local_shell_call}) and their outputs are read as function calls and results, as
 * {@link ClientTools} offers those tools. Items and parts the canonical model has
 * no place for (files by {@code file_id}, OpenAI's own tools' calls, item references) are named in {@code openAiOnly},
 * never dropped unsaid; a type the API does not have is a 400.
 */
final class ResponsesInput {
    /** Input item types of the API that only OpenAI can take (its built-in tools' calls and outputs, stored items). */
    private static final Set<String> OPENAI_ONLY_ITEMS = Set.of("item_reference", "computer_call",
            "computer_call_output", "web_search_call", "file_search_call", "image_generation_call",
            "code_interpreter_call", "shell_call", "shell_call_output",
            "apply_patch_call", "apply_patch_call_output", "mcp_list_tools", "mcp_approval_request",
            "mcp_approval_response", "mcp_call", "compaction",
            "compaction_trigger", "tool_search_call", "tool_search_output", "additional_tools", "program",
            "program_output", "configuration_update");

    private final List<Message> turns = new ArrayList<>();
    private final List<String> openAiOnly;
    /** A local shell call's item id → its call_id: its output names the call by the item's id. */
    private final Map<String, String> shellCalls = new HashMap<>();

    private ResponsesInput(List<String> openAiOnly) {
        this.openAiOnly = openAiOnly;
    }

    /** The turns {@code input} holds (a string is one user message); adds to {@code openAiOnly} what it leaves out. */
    static List<Message> read(JsonNode input, List<String> openAiOnly) {
        if (input.isTextual()) {
            return List.of(Message.text(Role.USER, input.asText()));
        }
        if (!input.isArray()) {
            throw JsonFields.invalid("input", "a string or an array of input items");
        }
        ResponsesInput reader = new ResponsesInput(openAiOnly);
        for (int i = 0; i < input.size(); i++) {
            reader.item(input.get(i), "input[" + i + "]");
        }
        return List.copyOf(reader.turns);
    }

    private void item(JsonNode item, String where) {
        if (!item.isObject()) {
            throw JsonFields.invalid(where, "an object");
        }
        String type = JsonFields.text(item, "type", where + ".type");
        if (type == null) {
            if (!item.has("role")) {
                throw ClientError.badRequest("missing_required_parameter",
                        "'" + where + ".type' is required (a message may leave it out and give 'role').", where + ".type");
            }
            type = "message"; // EasyInputMessage: {role, content}
        }
        switch (type) {
            case "message" -> message(item, where);
            case "function_call" -> addToAssistantTurn(List.of(new Part.ToolCall(JsonFields.requiredText(item, "call_id", where),
                    JsonFields.requiredText(item, "name", where), JsonFields.requiredText(item, "arguments", where))));
            case "function_call_output", "custom_tool_call_output" -> turns.add(new Message(Role.TOOL, List.of(
                    new Part.ToolResult(JsonFields.requiredText(item, "call_id", where), output(item, where), false))));
            case "custom_tool_call" -> addToAssistantTurn(List.of(new Part.ToolCall(JsonFields.requiredText(item, "call_id", where),
                    JsonFields.requiredText(item, "name", where), ClientTools.customArguments(JsonFields.requiredText(item, "input", where)))));
            case "local_shell_call" -> localShellCall(item, where);
            case "local_shell_call_output" -> {
                String id = JsonFields.requiredText(item, "id", where);
                turns.add(new Message(Role.TOOL, List.of(new Part.ToolResult(shellCalls.getOrDefault(id, id),
                        List.of(new Part.Text(JsonFields.requiredText(item, "output", where))), false))));
            }
            case "reasoning" -> {
                Part signed = ReasoningContent.decode(
                        JsonFields.text(item, "encrypted_content", where + ".encrypted_content"), where);
                if (signed != null) {
                    addToAssistantTurn(List.of(signed));
                }
            }
            default -> {
                if (!OPENAI_ONLY_ITEMS.contains(type)) {
                    throw ClientError.badRequest("invalid_value", "'" + where + ".type' is not an input item "
                            + "type of the Responses API (message, function_call, function_call_output, reasoning, ...).",
                            where + ".type");
                }
                openAiOnly.add(where + " (" + type + ")");
            }
        }
    }

    /** {@code LocalShellToolCall}: its exec action's fields are the arguments of the function it is offered as. */
    private void localShellCall(JsonNode item, String where) {
        String callId = JsonFields.requiredText(item, "call_id", where);
        String id = JsonFields.text(item, "id", where + ".id");
        if (id != null) {
            shellCalls.put(id, callId);
        }
        JsonNode action = item.get("action");
        if (action == null || !action.isObject() || !"exec".equals(action.path("type").asText())) {
            throw JsonFields.invalid(where + ".action", "an object of type exec");
        }
        addToAssistantTurn(List.of(new Part.ToolCall(callId, ClientTools.LOCAL_SHELL, ClientTools.shellArguments(action))));
    }

    private void message(JsonNode item, String where) {
        String role = JsonFields.text(item, "role", where + ".role");
        if (role == null) {
            throw ClientError.badRequest("missing_required_parameter", "'" + where + ".role' is required.",
                    where + ".role");
        }
        List<Part> parts = content(item.get("content"), where + ".content");
        switch (role) {
            case "user" -> turns.add(new Message(Role.USER, parts));
            case "system", "developer" -> turns.add(new Message(Role.SYSTEM, parts));
            case "assistant" -> addToAssistantTurn(parts);
            default -> throw ClientError.badRequest("invalid_value",
                    "'" + where + ".role' must be user, assistant, system or developer.", where + ".role");
        }
    }

    /** A function call joins the assistant turn before it: a chat's assistant message carries text and calls together. */
    private void addToAssistantTurn(List<Part> parts) {
        int last = turns.size() - 1;
        if (last >= 0 && turns.get(last).role() == Role.ASSISTANT) {
            List<Part> joined = new ArrayList<>(turns.get(last).parts());
            joined.addAll(parts);
            turns.set(last, new Message(Role.ASSISTANT, joined));
        } else {
            turns.add(new Message(Role.ASSISTANT, parts));
        }
    }

    /** A function's output: a string, or content parts (text, images, files). */
    private List<Part> output(JsonNode item, String where) {
        JsonNode output = item.get("output");
        if (output == null || output.isNull()) {
            throw ClientError.badRequest("missing_required_parameter", "'" + where + ".output' is required.",
                    where + ".output");
        }
        return content(output, where + ".output");
    }

    private List<Part> content(JsonNode content, String where) {
        if (content == null || content.isNull()) {
            throw ClientError.badRequest("missing_required_parameter", "'" + where + "' is required.", where);
        }
        if (content.isTextual()) {
            return List.of(new Part.Text(content.asText()));
        }
        if (!content.isArray()) {
            throw JsonFields.invalid(where, "a string or an array of content parts");
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            part(content.get(i), where + "[" + i + "]", parts);
        }
        return parts;
    }

    private void part(JsonNode part, String where, List<Part> parts) {
        if (!part.isObject()) {
            throw JsonFields.invalid(where, "an object");
        }
        String type = JsonFields.text(part, "type", where + ".type");
        if (type == null) {
            throw ClientError.badRequest("missing_required_parameter", "'" + where + ".type' is required.",
                    where + ".type");
        }
        switch (type) {
            case "input_text", "output_text" -> parts.add(new Part.Text(JsonFields.requiredText(part, "text", where)));
            case "refusal" -> parts.add(new Part.Text(JsonFields.requiredText(part, "refusal", where)));
            case "input_image" -> {
                String url = JsonFields.text(part, "image_url", where + ".image_url");
                if (url != null) {
                    parts.add(OpenAiRequestReader.image(url));
                } else if (JsonFields.text(part, "file_id", where + ".file_id") != null) {
                    openAiOnly.add(where + " (input_image by file_id)");
                } else {
                    throw ClientError.badRequest("missing_required_parameter",
                            "'" + where + "' needs 'image_url' or 'file_id'.", where + ".image_url");
                }
            }
            case "input_file" -> file(part, where, parts);
            case "input_audio" -> openAiOnly.add(where + " (" + type + ")");
            default -> throw ClientError.badRequest("invalid_value", "'" + where + ".type' must be input_text, input_image, "
                    + "input_file, input_audio, output_text or refusal.", where + ".type");
        }
    }

    /**
     * An {@code input_file} ({@code ResponseInputFile}): its bytes ({@code file_data}) or a
     * {@code file_url} are a document any PDF-reading provider takes; a {@code file_id} is in
     * OpenAI's storage, which only OpenAI reads.
     */
    private void file(JsonNode part, String where, List<Part> parts) {
        String filename = JsonFields.text(part, "filename", where + ".filename");
        String data = JsonFields.text(part, "file_data", where + ".file_data");
        String url = JsonFields.text(part, "file_url", where + ".file_url");
        if (data != null) {
            parts.add(OpenAiRequestReader.document(data, filename, where + ".file_data"));
        } else if (url != null) {
            parts.add(Part.Document.ofUrl(url, filename));
        } else if (JsonFields.text(part, "file_id", where + ".file_id") != null) {
            openAiOnly.add(where + " (input_file by file_id)");
        } else {
            throw ClientError.badRequest("missing_required_parameter",
                    "'" + where + "' needs 'file_data', 'file_url' or 'file_id'.", where + ".file_data");
        }
    }
}
