package io.keyroute.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.ResponseFormat;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.wire.JsonFields;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link CanonicalRequest} → a Gemini {@code GenerateContentRequest}: roles user/model, system
 * messages hoisted to {@code systemInstruction}, consecutive turns of one role merged, tool
 * results as {@code functionResponse} parts named after the call they answer (Gemini has no call
 * ids: the name is found from the id in the conversation), images and PDFs as {@code inlineData} or
 * {@code fileData} (a plain-text document as text), and {@code generationConfig} (its
 * {@code thinkingConfig}: {@link GeminiThinking}).
 */
public final class GeminiRequestMapper {
    private GeminiRequestMapper() {
    }

    /** @param model the upstream model, whose generation decides how it is asked to think */
    public static ObjectNode write(CanonicalRequest req, String model) {
        ObjectNode body = JsonFields.object();
        Map<String, String> callNames = new HashMap<>();
        for (Message m : req.messages()) {
            m.partsOf(Part.ToolCall.class).forEach(c -> callNames.put(c.id(), c.name()));
        }
        StringBuilder system = new StringBuilder();
        ArrayNode contents = body.putArray("contents");
        String lastRole = null;
        ArrayNode parts = null;
        for (Message m : req.messages()) {
            if (m.role() == Role.SYSTEM) {
                system.append(system.isEmpty() ? "" : "\n\n").append(m.text());
                continue;
            }
            String role = m.role() == Role.ASSISTANT ? "model" : "user";
            if (!role.equals(lastRole)) {
                parts = contents.addObject().put("role", role).putArray("parts");
                lastRole = role;
            }
            for (Part p : m.parts()) {
                part(parts, p, callNames);
            }
        }
        dropEmptyTurns(contents);
        if (!system.isEmpty()) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", system.toString());
        }
        if (!req.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (Tool t : req.tools()) {
                ObjectNode fn = declarations.addObject().put("name", t.name());
                if (t.description() != null) {
                    fn.put("description", t.description());
                }
                if (t.parameters() != null && t.parameters().path("properties").size() > 0) {
                    fn.set("parameters", GeminiSchemas.clean(t.parameters()));
                }
            }
            toolConfig(body, req.toolChoice());
        }
        generationConfig(body, req.params(), model);
        return body;
    }

    /** Gemini refuses contents without parts; those are left out and their neighbours merged. */
    private static void dropEmptyTurns(ArrayNode contents) {
        ArrayNode kept = contents.arrayNode();
        ObjectNode last = null;
        for (JsonNode turn : contents) {
            if (turn.path("parts").isEmpty()) {
                continue;
            }
            if (last != null && last.path("role").asText().equals(turn.path("role").asText())) {
                ((ArrayNode) last.get("parts")).addAll((ArrayNode) turn.get("parts"));
            } else {
                last = (ObjectNode) turn;
                kept.add(last);
            }
        }
        contents.removeAll();
        contents.addAll(kept);
    }

    private static void part(ArrayNode parts, Part p, Map<String, String> callNames) {
        switch (p) {
            case Part.Text t -> {
                if (!t.text().isEmpty()) {
                    parts.addObject().put("text", t.text());
                }
            }
            case Part.Image i -> {
                if (i.isInline()) {
                    parts.addObject().putObject("inlineData").put("mimeType", i.mediaType()).put("data", i.data());
                } else {
                    parts.addObject().putObject("fileData").put("mimeType", mimeTypeOf(i.url())).put("fileUri", i.url());
                }
            }
            case Part.Document d -> {
                if (d.data() != null) {
                    parts.addObject().putObject("inlineData").put("mimeType", d.mediaType()).put("data", d.data());
                } else if (d.url() != null) {
                    parts.addObject().putObject("fileData").put("mimeType", d.mediaType()).put("fileUri", d.url());
                } else {
                    parts.addObject().put("text", d.asText());
                }
            }
            case Part.ToolCall c -> {
                JsonNode args = JsonFields.parseLenient(c.arguments());
                ObjectNode part = parts.addObject();
                part.putObject("functionCall").put("name", c.name()).set("args", args.isObject() ? args : JsonFields.object());
                String signature = GeminiWire.signatureOf(c.id());
                if (signature != null) {
                    part.put("thoughtSignature", signature);
                }
            }
            case Part.Reasoning ignored -> {
                // Gemini's thought signatures ride on its function calls' ids (GeminiWire); summaries are not read back
            }
            case Part.RedactedReasoning ignored -> {
                // only Anthropic reads its redacted thinking
            }
            case Part.ToolResult r -> {
                String name = callNames.getOrDefault(r.toolCallId(), r.toolCallId());
                JsonNode parsed = JsonFields.parseLenient(r.text());
                ObjectNode response = parsed.isObject() ? (ObjectNode) parsed
                        : JsonFields.object().put(r.isError() ? "error" : "output", r.text());
                parts.addObject().putObject("functionResponse").put("name", name).set("response", response);
            }
        }
    }

    private static void toolConfig(ObjectNode body, ToolChoice choice) {
        if (choice == null) {
            return;
        }
        ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
        switch (choice.mode()) {
            case AUTO -> config.put("mode", "AUTO");
            case ANY -> config.put("mode", "ANY");
            case NONE -> config.put("mode", "NONE");
            case NAMED -> {
                config.put("mode", "ANY");
                config.putArray("allowedFunctionNames").add(choice.name());
            }
        }
    }

    private static void generationConfig(ObjectNode body, Params p, String model) {
        ObjectNode config = JsonFields.object();
        if (p.temperature() != null) {
            config.put("temperature", p.temperature());
        }
        if (p.topP() != null) {
            config.put("topP", p.topP());
        }
        if (p.maxTokens() != null) {
            config.put("maxOutputTokens", p.maxTokens());
        }
        if (!p.stop().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            p.stop().forEach(stop::add);
        }
        if (p.seed() != null) {
            config.put("seed", p.seed());
        }
        GeminiThinking.write(config, p.thinking(), model);
        ResponseFormat f = p.responseFormat();
        if (f != null && f.kind() != ResponseFormat.Kind.TEXT) {
            config.put("responseMimeType", "application/json");
            if (f.kind() == ResponseFormat.Kind.JSON_SCHEMA && f.schema() != null) {
                config.set("responseSchema", GeminiSchemas.clean(f.schema()));
            }
        }
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
    }

    private static String mimeTypeOf(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".webp")) {
            return "image/webp";
        }
        if (lower.endsWith(".gif")) {
            return "image/gif";
        }
        return "image/jpeg";
    }
}
