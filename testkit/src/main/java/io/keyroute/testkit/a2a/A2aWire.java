package io.keyroute.testkit.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.testkit.FakeJson;

/**
 * The A2A 0.3 objects the fake agent answers with, shaped as {@code specification/json/a2a.json} of A2A v0.3.0
 * defines them: {@code Task} ({@code kind: "task"}), {@code TaskStatusUpdateEvent} ({@code kind: "status-update"},
 * {@code final}), {@code TaskArtifactUpdateEvent} ({@code kind: "artifact-update"}), text parts
 * ({@code kind: "text"}), and JSON-RPC 2.0 responses around them.
 */
public final class A2aWire {
    private A2aWire() {
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode root = FakeJson.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        root.set("id", id);
        root.set("result", result);
        return root;
    }

    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode root = FakeJson.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        root.set("id", id);
        root.putObject("error").put("code", code).put("message", message);
        return root;
    }

    static ObjectNode task(String id, String contextId, String state) {
        ObjectNode task = FakeJson.MAPPER.createObjectNode().put("kind", "task").put("id", id).put("contextId", contextId);
        task.putObject("status").put("state", state).put("timestamp", "2026-12-07T10:00:00Z");
        return task;
    }

    static ObjectNode artifact(String text) {
        ObjectNode artifact = FakeJson.MAPPER.createObjectNode().put("artifactId", "artifact-1").put("name", "answer");
        artifact.putArray("parts").addObject().put("kind", "text").put("text", text);
        return artifact;
    }

    static ObjectNode statusUpdate(String taskId, String contextId, String state, boolean last) {
        ObjectNode event = FakeJson.MAPPER.createObjectNode().put("kind", "status-update").put("taskId", taskId)
                .put("contextId", contextId);
        event.putObject("status").put("state", state).put("timestamp", "2026-12-07T10:00:01Z");
        event.put("final", last);
        return event;
    }

    static ObjectNode artifactUpdate(String taskId, String contextId, String text) {
        ObjectNode event = FakeJson.MAPPER.createObjectNode().put("kind", "artifact-update").put("taskId", taskId)
                .put("contextId", contextId);
        event.set("artifact", artifact(text));
        event.put("append", false).put("lastChunk", true);
        return event;
    }

    /** The first text part of a {@code MessageSendParams}' message. */
    static String text(JsonNode params) {
        for (JsonNode part : params.path("message").path("parts")) {
            if ("text".equals(part.path("kind").asText())) {
                return part.path("text").asText();
            }
        }
        return "";
    }
}
