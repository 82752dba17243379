package io.keyroute.api.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.RawBody;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.ResponseFormat;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.api.wire.ModelName;
import io.keyroute.api.wire.openai.CaseVariantKeys;
import io.keyroute.api.wire.openai.SplicableBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAI Responses request body ({@code POST /v1/responses}) into a {@link ResponsesRequest}:
 * checked, translated, and kept as sent. The body's shape is the SDK's
 * {@code com.openai.models.responses.ResponseCreateParams.Body} (openai-java 4.100.0;
 * {@code CreateResponse} in openai/openai-openapi's openapi.json). Parsing has the chat reader's limits and errors
 * ({@link SplicableBodies}); every wrong field is a 400 {@code invalid_request_error} whose
 * {@code param} names it. Input items: {@link ResponsesInput}; tools: {@link ResponsesTools}.
 */
public final class ResponsesRequestReader {
    /** The top-level keys routing, limits, pricing or state read: a case variant of one is refused. */
    private static final Set<String> READ = Set.of("model", "input", "instructions", "stream", "max_output_tokens",
            "tools", "tool_choice", "service_tier", "previous_response_id", "store", "reasoning", "include",
            "conversation", "background", "prompt");
    /** OpenAI's bounds on {@code metadata}: Keyroute keeps it with a stored response. */
    static final int MAX_METADATA_PAIRS = 16;
    static final int MAX_METADATA_KEY = 64;
    static final int MAX_METADATA_VALUE = 512;

    private ResponsesRequestReader() {
    }

    public static ResponsesRequest read(byte[] body) {
        SplicableBodies.Parsed parsed = SplicableBodies.parse(body, "input");
        return read(parsed.tree(), parsed.raw(), true);
    }

    /**
     * A {@code POST /v1/responses/input_tokens} body, whose {@code input} OpenAI's spec makes optional
     * (a count of the instructions and tools alone); {@code model} Keyroute still needs, to route it.
     */
    public static ResponsesRequest readCount(byte[] body) {
        SplicableBodies.Parsed parsed = SplicableBodies.parse(body, "input");
        return read(parsed.tree(), parsed.raw(), false);
    }

    /**
     * A body parsed before, e.g. a Responses request carried as a chat to an adapter: checked and
     * translated again from the tree, without serialising and parsing it anew; no bytes to splice.
     */
    public static ResponsesRequest read(ObjectNode body) {
        return read(body, null, true);
    }

    private static ResponsesRequest read(ObjectNode root, RawBody raw, boolean inputRequired) {
        CaseVariantKeys.refuse(root, READ);
        String model = model(root);
        JsonNode input = root.get("input");
        boolean noInput = input == null || input.isNull();
        if (noInput && inputRequired) {
            throw ClientError.badRequest("missing_required_parameter",
                    "'input' is required: a string or an array of input items.", "input");
        }
        List<String> openAiOnly = new ArrayList<>();
        String instructions = JsonFields.text(root, "instructions", "instructions");
        List<Message> messages = new ArrayList<>();
        if (instructions != null) {
            messages.add(Message.text(Role.SYSTEM, instructions));
        }
        if (!noInput) {
            messages.addAll(ResponsesInput.read(input, openAiOnly));
        }
        ResponsesTools tools = ResponsesTools.read(root, openAiOnly);
        serverSideOnly(root, openAiOnly);
        boolean stream = Boolean.TRUE.equals(JsonFields.bool(root, "stream", "stream"));
        ResponsesRequest.Reasoning reasoning = reasoning(root.get("reasoning"));
        Params params = new Params(JsonFields.integer(root, "max_output_tokens", "max_output_tokens"),
                JsonFields.number(root, "temperature", "temperature"),
                JsonFields.number(root, "top_p", "top_p"),
                List.of(), null,
                format(root.get("text")),
                JsonFields.text(root, "user", "user"),
                JsonFields.bool(root, "parallel_tool_calls", "parallel_tool_calls"),
                reasoning == null ? null : Thinking.ofEffort(reasoning.effort()));
        // A Responses stream always ends with the usage (response.completed), so it is always asked for.
        CanonicalRequest canonical = new CanonicalRequest(model, messages, tools.functions(), tools.choice(), params,
                stream, true);
        return new ResponsesRequest(root, raw, model, stream, canonical, instructions,
                JsonFields.text(root, "previous_response_id", "previous_response_id"),
                !Boolean.FALSE.equals(JsonFields.bool(root, "store", "store")),
                metadata(root.get("metadata")),
                truncation(root),
                strings(root, "include"),
                reasoning,
                tools.builtIn(), tools.clientTools(), openAiOnly);
    }

    /** {@code auto} or {@code disabled} (OpenAI's default); null when not set. */
    private static String truncation(ObjectNode root) {
        String truncation = JsonFields.text(root, "truncation", "truncation");
        if (truncation != null && !truncation.equals("auto") && !truncation.equals("disabled")) {
            throw ClientError.badRequest("invalid_value", "'truncation' must be auto or disabled.", "truncation");
        }
        return truncation;
    }

    private static String model(ObjectNode root) {
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ClientError.badRequest("missing_required_parameter",
                    "'model' is required and must be a non-empty string.", "model");
        }
        return ModelName.checked(model.asText());
    }

    /** State and templates OpenAI keeps on its side: no other provider has them. */
    private static void serverSideOnly(ObjectNode root, List<String> openAiOnly) {
        for (String field : List.of("conversation", "prompt")) {
            JsonNode value = root.get(field);
            if (value != null && !value.isNull()) {
                openAiOnly.add(field);
            }
        }
        if (Boolean.TRUE.equals(JsonFields.bool(root, "background", "background"))) {
            openAiOnly.add("background");
        }
    }

    /** {@code text.format}: {@code ResponseFormatTextConfig} (text, json_object, or a flat json_schema). */
    private static ResponseFormat format(JsonNode text) {
        if (text == null || text.isNull()) {
            return null;
        }
        if (!text.isObject()) {
            throw JsonFields.invalid("text", "an object");
        }
        JsonNode format = text.get("format");
        if (format == null || format.isNull()) {
            return null;
        }
        if (!format.isObject()) {
            throw JsonFields.invalid("text.format", "an object");
        }
        String type = JsonFields.text(format, "type", "text.format.type");
        return switch (type == null ? "" : type) {
            case "text" -> new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null);
            case "json_object" -> new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
            case "json_schema" -> {
                String name = JsonFields.text(format, "name", "text.format.name");
                JsonNode schema = format.get("schema");
                if (name == null || schema == null || !schema.isObject()) {
                    throw ClientError.badRequest("missing_required_parameter",
                            "'text.format' of type json_schema needs 'name' and a 'schema' object.", "text.format");
                }
                yield new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, name, schema,
                        JsonFields.bool(format, "strict", "text.format.strict"));
            }
            default -> throw ClientError.badRequest("invalid_value",
                    "'text.format.type' must be text, json_object or json_schema.", "text.format.type");
        };
    }

    private static ResponsesRequest.Reasoning reasoning(JsonNode reasoning) {
        if (reasoning == null || reasoning.isNull()) {
            return null;
        }
        if (!reasoning.isObject()) {
            throw JsonFields.invalid("reasoning", "an object");
        }
        String summary = JsonFields.text(reasoning, "summary", "reasoning.summary");
        String deprecated = JsonFields.text(reasoning, "generate_summary", "reasoning.generate_summary");
        return new ResponsesRequest.Reasoning(JsonFields.text(reasoning, "effort", "reasoning.effort"),
                summary != null ? summary : deprecated);
    }

    private static Map<String, String> metadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return Map.of();
        }
        if (!metadata.isObject()) {
            throw JsonFields.invalid("metadata", "an object of string values");
        }
        if (metadata.size() > MAX_METADATA_PAIRS) {
            throw ClientError.badRequest("invalid_value",
                    "'metadata' has at most " + MAX_METADATA_PAIRS + " key-value pairs.", "metadata");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var entry : metadata.properties()) {
            if (entry.getKey().length() > MAX_METADATA_KEY) {
                throw ClientError.badRequest("invalid_value",
                        "'metadata' keys are at most " + MAX_METADATA_KEY + " characters.", "metadata");
            }
            if (!entry.getValue().isTextual()) {
                throw JsonFields.invalid("metadata", "an object of string values");
            }
            if (entry.getValue().asText().length() > MAX_METADATA_VALUE) {
                throw ClientError.badRequest("invalid_value",
                        "'metadata' values are at most " + MAX_METADATA_VALUE + " characters.", "metadata");
            }
            out.put(entry.getKey(), entry.getValue().asText());
        }
        return out;
    }

    private static List<String> strings(ObjectNode root, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode value : JsonFields.array(root, field, field)) {
            if (!value.isTextual()) {
                throw JsonFields.invalid(field, "an array of strings");
            }
            out.add(value.asText());
        }
        return out;
    }
}
