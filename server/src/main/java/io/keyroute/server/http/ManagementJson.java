package io.keyroute.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.api.error.ClientError;
import io.keyroute.store.Times;
import io.keyroute.vault.audit.AuditEvent;
import io.keyroute.vault.credentials.StoredCredential;
import io.keyroute.vault.keys.ApiKey;
import io.keyroute.vault.keys.ApiKeys;
import io.keyroute.vault.tenancy.User;
import io.keyroute.vault.tenancy.Workspace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The management API's JSON: request fields in, CONTRACT's object shapes out. */
final class ManagementJson {
    private static final long MAX_BODY = 64 * 1024;

    private ManagementJson() {
    }

    static ObjectNode body(ServerRequest req) {
        byte[] bytes = RequestBodies.read(req, MAX_BODY);
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // answered below
        }
        throw ClientError.badRequest("invalid_json", "The request body must be a JSON object.", null);
    }

    static ObjectNode list(List<ObjectNode> items) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putArray("data").addAll(items);
        return root;
    }

    static String text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(field, "a string");
        }
        return node.asText();
    }

    static Secret secret(ObjectNode body, String field) {
        String value = text(body, field);
        return value == null ? null : Secret.of(value.trim());
    }

    static Boolean bool(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return node.asBoolean();
    }

    static Integer positiveInt(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() <= 0) {
            throw wrongType(field, "a positive integer");
        }
        return node.asInt();
    }

    static Double positiveNumber(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() <= 0) {
            throw wrongType(field, "a positive number");
        }
        return node.asDouble();
    }

    static List<String> strings(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrongType(field, "an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank() || item.asText().contains(",")) {
                throw wrongType(field, "an array of model names");
            }
            out.add(item.asText());
        }
        return out;
    }

    static ObjectNode workspace(Workspace w) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", w.id()).put("name", w.name()).put("plan", w.plan()).put("created_at", Times.format(w.createdAt()));
        return o;
    }

    static ObjectNode user(User u) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", u.id()).put("email", u.email()).put("role", u.role().wire()).put("workspace_id", u.workspaceId())
                .put("created_at", Times.format(u.createdAt()));
        return o;
    }

    static ObjectNode key(ApiKey k) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", k.id()).put("masked", k.masked()).put("name", k.name()).put("user_id", k.userId());
        o.putPOJO("rpm", k.rpm()).putPOJO("tpm", k.tpm()).putPOJO("budget_usd", k.budgetUsd());
        ArrayNode models = o.putArray("models");
        k.models().forEach(models::add);
        o.put("created_at", Times.format(k.createdAt()));
        return o;
    }

    /** The issue response: the only place the plaintext key is ever shown. */
    static ObjectNode issued(ApiKeys.Issued issued) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", issued.key().id()).put("key", issued.plaintext().reveal());
        o.setAll(key(issued.key()));
        return o;
    }

    static ObjectNode credential(StoredCredential c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", c.id()).put("provider", c.provider()).put("name", c.name()).put("masked_key", c.maskedKey())
                .put("base_url", c.baseUrl()).put("is_default", c.isDefault()).put("is_active", c.isActive())
                .put("version", c.version()).put("created_at", Times.format(c.createdAt()))
                .put("updated_at", Times.format(c.updatedAt())).put("validated_at", Times.format(c.validatedAt()))
                .put("last_error", c.lastError());
        return o;
    }

    static ObjectNode audit(AuditEvent e) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", e.id()).put("at", Times.format(e.at())).put("actor", e.actor()).put("action", e.action())
                .put("target", e.target()).put("workspace_id", e.workspaceId()).put("detail", e.detail());
        return o;
    }

    private static ClientError wrongType(String field, String expected) {
        return ClientError.badRequest("invalid_request", "'" + field + "' must be " + expected + ".", field);
    }
}
