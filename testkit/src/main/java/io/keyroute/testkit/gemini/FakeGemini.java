package io.keyroute.testkit.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.FakeJson;
import io.keyroute.testkit.HttpOut;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.ScriptedFake;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.replies.ToolCall;
import io.keyroute.testkit.replies.Usage;
import io.keyroute.testkit.replies.Wording;
import io.keyroute.testkit.sse.SseWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A faithful fake of Google's Gemini API on 127.0.0.1: {@code POST /v1beta/models/{model}:generateContent},
 * {@code :streamGenerateContent?alt=sse} (data-only chunks, each a whole GenerateContentResponse,
 * the last with finishReason and usageMetadata, no end marker), {@code :embedContent} and
 * {@code :batchEmbedContents}, {@code GET /v1beta/models}; {@code x-goog-api-key} auth; Google's error shape
 * {@code {"error":{"code","message","status"}}}. Scripted with {@link Reply}; function calls come
 * whole, without ids, as Gemini sends them; errors carry the reply's headers, gated streams wait
 * for {@link #releaseChunks}.
 */
public final class FakeGemini extends ScriptedFake<FakeGemini> {
    private static final ObjectMapper MAPPER = FakeJson.MAPPER;


    private FakeGemini(Set<String> apiKeys) {
        super("FakeGemini", apiKeys);
    }

    public static FakeGemini start(String... apiKeys) {
        return new FakeGemini(Set.of(apiKeys));
    }

    @Override
    protected void routing(HttpRouting.Builder r) {
        r.post("/v1beta/models/{call}", this::call)
                .get("/v1beta/models", this::models)
                .any((req, res) -> {
                    log.record(req, false);
                    error(res, 404, "NOT_FOUND", "Requested entity was not found.");
                });
    }

    private void call(ServerRequest req, ServerResponse res) {
        RecordedRequest rec = log.record(req, true);
        if (!authorized(req, res)) {
            return;
        }
        String call = req.path().pathParameters().get("call");
        int colon = call.lastIndexOf(':');
        String model = colon < 0 ? call : call.substring(0, colon);
        String method = colon < 0 ? "" : call.substring(colon + 1);
        JsonNode body = rec.json();
        switch (method) {
            case "generateContent", "streamGenerateContent" -> generate(res, model, body,
                    method.equals("streamGenerateContent"));
            case "countTokens" -> countTokens(res, body);
            case "embedContent" -> json(res, 200, embedding(body.path("content")));
            case "batchEmbedContents" -> {
                ObjectNode out = MAPPER.createObjectNode();
                ArrayNode list = out.putArray("embeddings");
                body.path("requests").forEach(r -> list.add(embedding(r.path("content")).get("embedding")));
                json(res, 200, out);
            }
            default -> error(res, 404, "NOT_FOUND", "Method not found: " + method);
        }
    }

    /**
     * {@code :countTokens}: {@code contents}, or a whole {@code generateContentRequest} (which names its
     * {@code model}), never both, as Google checks; {@code totalTokens} by {@link Wording#countedTokens}
     * over the contents, system instruction and tools. A scripted error, when next, is answered instead.
     */
    private void countTokens(ServerResponse res, JsonNode body) {
        Reply scripted = nextScriptedError();
        if (scripted != null) {
            error(res, scripted.status(), status(scripted.status()), scripted.message());
            return;
        }
        JsonNode generate = body.get("generateContentRequest");
        if (generate != null && body.has("contents")) {
            error(res, 400, "INVALID_ARGUMENT", "contents and generate_content_request are mutually exclusive.");
            return;
        }
        if (generate != null && !generate.path("model").asText().startsWith("models/")) {
            error(res, 400, "INVALID_ARGUMENT", "* GenerateContentRequest.model: unexpected model name format");
            return;
        }
        JsonNode counted = generate != null ? generate : body;
        int tokens = Wording.countedTokens(counted.get("contents"), counted.get("systemInstruction"),
                counted.get("tools"));
        ObjectNode out = MAPPER.createObjectNode().put("totalTokens", tokens);
        out.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", tokens);
        json(res, 200, out);
    }

    /** {@code GET /v1beta/models}: the models a key may use, one page, as Google lists them. */
    private void models(ServerRequest req, ServerResponse res) {
        log.record(req, false);
        if (!authorized(req, res)) {
            return;
        }
        ObjectNode page = MAPPER.createObjectNode();
        ArrayNode models = page.putArray("models");
        models.addObject().put("name", "models/gemini-2.5-flash").put("version", "001")
                .put("displayName", "Gemini 2.5 Flash").putArray("supportedGenerationMethods")
                .add("generateContent").add("countTokens");
        models.addObject().put("name", "models/gemini-embedding-001").put("version", "001")
                .put("displayName", "Gemini Embedding 001").putArray("supportedGenerationMethods")
                .add("embedContent").add("countTextTokens");
        json(res, 200, page);
    }

    /** Google's key check: no key is 403, an unknown one 400 "API key not valid". */
    private boolean authorized(ServerRequest req, ServerResponse res) {
        String key = req.headers().first(HeaderNames.create("x-goog-api-key")).orElse("");
        if (!apiKeys.contains(key)) {
            error(res, key.isEmpty() ? 403 : 400, key.isEmpty() ? "PERMISSION_DENIED" : "INVALID_ARGUMENT",
                    key.isEmpty() ? "Method doesn't allow unregistered callers." : "API key not valid. Please pass a valid API key.");
            return false;
        }
        return true;
    }

    private void generate(ServerResponse res, String model, JsonNode body, boolean stream) {
        if (body == null || !body.has("contents")) {
            error(res, 400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified");
            return;
        }
        Reply reply = script.poll();
        if (reply == null) {
            reply = Reply.text("Echo: " + lastUserText(body.path("contents")));
        }
        if (reply.kind() == Reply.Kind.RAW) {
            HttpOut.raw(res, reply);
            return;
        }
        if (reply.kind() == Reply.Kind.ERROR) {
            reply.headers().forEach(res::header);
            error(res, reply.status(), status(reply.status()), reply.message());
            return;
        }
        String id = "fakeResp" + sequence.incrementAndGet();
        Usage usage = reply.usage() != null ? reply.usage() : new Usage(
                Wording.tokensForChars(body.path("contents").toString().length()),
                Wording.words(reply.text()) + reply.toolCalls().size() * 5, 0, 0);
        if (!stream) {
            json(res, 200, chunk(id, model, parts(reply), reason(reply), usage(usage)));
            return;
        }
        List<ObjectNode> chunks = new ArrayList<>();
        if (reply.kind() == Reply.Kind.TOOL_CALLS) {
            chunks.add(chunk(id, model, parts(reply), reason(reply), usage(usage)));
        } else {
            var opening = new Usage(usage.promptTokens(), 0, usage.cachedTokens(), 0);
            if (reply.thinking() != null) {
                ArrayNode thought = MAPPER.createArrayNode();
                thought.addObject().put("text", reply.thinking()).put("thought", true);
                chunks.add(chunk(id, model, thought, null, usage(opening)));
            }
            for (int i = 0; i < reply.pieces().size(); i++) {
                ArrayNode parts = MAPPER.createArrayNode();
                parts.addObject().put("text", reply.pieces().get(i));
                boolean last = i == reply.pieces().size() - 1;
                chunks.add(chunk(id, model, parts, last ? reason(reply) : null, usage(last ? usage : opening)));
            }
        }
        res.header(HttpOut.CONTENT_TYPE_SSE);
        SseWriter sse = res.sink(SseWriter.TYPE).countingInto(control);
        try {
            sse.commitHeaders();
            for (int k = 0; k < chunks.size(); k++) {
                if (k == reply.cutAfterChunks()) {
                    throw new CloseConnectionException("scripted cut after " + k + " events");
                }
                if (k == reply.errorAfterChunks()) {
                    ObjectNode error = MAPPER.createObjectNode();
                    error.putObject("error").put("code", 503).put("message", reply.streamErrorMessage()).put("status", "UNAVAILABLE");
                    sse.event(("data: " + error + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    break;
                }
                if (reply.isGated() && !control.awaitGate()) {
                    throw new CloseConnectionException("fake is stopping");
                }
                sse.event(("data: " + chunks.get(k) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            }
            sse.finish();
            control.completed();
        } catch (SseWriter.ClientGone e) {
            control.cancelled();
            throw new CloseConnectionException("client went away", e);
        }
    }

    private static ArrayNode parts(Reply reply) {
        ArrayNode parts = MAPPER.createArrayNode();
        if (reply.kind() == Reply.Kind.TOOL_CALLS) {
            for (ToolCall call : reply.toolCalls()) {
                try {
                    parts.addObject().putObject("functionCall").put("name", call.name())
                            .set("args", MAPPER.readTree(call.arguments()));
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("tool call arguments must be JSON", e);
                }
            }
        } else {
            parts.addObject().put("text", reply.text());
        }
        if (reply.thinking() != null) { // a thought summary comes first, marked thought
            parts.insertObject(0).put("text", reply.thinking()).put("thought", true);
        }
        return parts;
    }

    private static ObjectNode chunk(String id, String model, ArrayNode parts, String finishReason, ObjectNode usage) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.set("parts", parts);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        root.set("usageMetadata", usage);
        root.put("modelVersion", model);
        root.put("responseId", id);
        return root;
    }

    private static String reason(Reply reply) {
        if ("length".equals(reply.finishReason())) {
            return "MAX_TOKENS";
        }
        return "STOP";
    }

    /**
     * Gemini's usageMetadata: promptTokenCount includes the cached tokens, candidatesTokenCount
     * leaves thinking out (thoughtsTokenCount); zero counts are omitted, as Gemini does.
     */
    private static ObjectNode usage(Usage usage) {
        ObjectNode u = MAPPER.createObjectNode().put("promptTokenCount", usage.promptTokens());
        long candidates = usage.completionTokens() - usage.reasoningTokens();
        if (candidates > 0) {
            u.put("candidatesTokenCount", candidates);
        }
        if (usage.cachedTokens() > 0) {
            u.put("cachedContentTokenCount", usage.cachedTokens());
        }
        if (usage.reasoningTokens() > 0) {
            u.put("thoughtsTokenCount", usage.reasoningTokens());
        }
        return u.put("totalTokenCount", usage.promptTokens() + usage.completionTokens());
    }

    private static ObjectNode embedding(JsonNode content) {
        String text = Wording.contentText(content.path("parts"));
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode values = out.putObject("embedding").putArray("values");
        for (int i = 0; i < 8; i++) {
            values.add(((text.hashCode() >>> i) & 0xff) / 255.0);
        }
        return out;
    }

    private static String lastUserText(JsonNode contents) {
        String last = "";
        for (JsonNode c : contents) {
            if ("user".equals(c.path("role").asText("user"))) {
                String text = Wording.contentText(c.path("parts"));
                if (!text.isEmpty()) {
                    last = text;
                }
            }
        }
        return last;
    }

    private static String status(int code) {
        return switch (code) {
            case 400 -> "INVALID_ARGUMENT";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
    }

    private static void error(ServerResponse res, int code, String status, String message) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("error").put("code", code).put("message", message).put("status", status);
        json(res, code, root);
    }

    private static void json(ServerResponse res, int status, ObjectNode body) {
        res.status(io.helidon.http.Status.create(status));
        res.header(HttpOut.CONTENT_TYPE_JSON);
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
