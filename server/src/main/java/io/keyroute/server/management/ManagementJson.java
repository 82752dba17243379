package io.keyroute.server.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.api.Timestamps;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonBodies;
import io.keyroute.server.http.exchange.RequestBodies;
import io.keyroute.vault.audit.AuditEvent;
import io.keyroute.vault.common.VaultErrors;
import io.keyroute.vault.credentials.StoredCredential;
import io.keyroute.vault.keys.ApiKey;
import io.keyroute.vault.keys.ApiKeys;
import io.keyroute.vault.tenancy.User;
import io.keyroute.vault.tenancy.Workspace;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The management API's JSON: request fields in, CONTRACT's object shapes out. */
final class ManagementJson {
    /** Management, pricing and route-explain bodies (CONTRACT): an estimate tokenizes all of it. */
    static final long MAX_BODY_BYTES = 1024 * 1024;
    /** The most a budget or a key's spending limit may be (CONTRACT): beyond it a number is a typo or an attack. */
    static final BigDecimal MAX_USD = BigDecimal.valueOf(1_000_000_000);
    /** The most requests or tokens per minute a key may be allowed. */
    static final int MAX_PER_MINUTE = 1_000_000_000;

    private ManagementJson() {
    }

    /** A JSON object, or a 400 saying where parsing failed, as for inference bodies. */
    static ObjectNode body(ServerRequest req) {
        return JsonBodies.parseObject(RequestBodies.read(req, MAX_BODY_BYTES));
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

    /** A whole number from 1 to {@link #MAX_PER_MINUTE} (a key's rpm or tpm), or null when absent. */
    static Integer positiveInt(ObjectNode body, String field) {
        JsonNode node = number(body, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || node.bigIntegerValue().signum() <= 0
                || node.bigIntegerValue().compareTo(BigInteger.valueOf(MAX_PER_MINUTE)) > 0) {
            throw outOfRange(field, "a whole number from 1 to " + MAX_PER_MINUTE);
        }
        return node.intValue();
    }

    /** A positive amount of US dollars up to {@link #MAX_USD} (a key's budget), or null when absent. */
    static Double positiveUsd(ObjectNode body, String field) {
        BigDecimal usd = usd(body, field);
        if (usd != null && usd.signum() == 0) {
            throw outOfRange(field, "more than 0 US dollars");
        }
        return usd == null ? null : usd.doubleValue();
    }

    /**
     * US dollars from 0 to {@link #MAX_USD}, or null when absent. JSON allows numbers a double cannot
     * hold ({@code 1e400} reads as infinity): every one that is not a finite amount in range is a 422.
     */
    static BigDecimal usd(ObjectNode body, String field) {
        JsonNode node = number(body, field);
        if (node == null) {
            return null;
        }
        String range = "a number of US dollars from 0 to " + MAX_USD.toPlainString();
        if (!node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            throw outOfRange(field, range);
        }
        BigDecimal usd = node.decimalValue();
        if (usd.signum() < 0 || usd.compareTo(MAX_USD) > 0) {
            throw outOfRange(field, range);
        }
        return usd;
    }

    /** The field's number, null when absent; a value of another JSON type is a 400. */
    private static JsonNode number(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw wrongType(field, "a number");
        }
        return node;
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
        o.put("id", w.id()).put("name", w.name()).put("plan", w.plan()).put("created_at", Timestamps.format(w.createdAt()));
        return o;
    }

    static ObjectNode user(User u) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", u.id()).put("email", u.email()).put("role", u.role().wire()).put("workspace_id", u.workspaceId())
                .put("created_at", Timestamps.format(u.createdAt()));
        return o;
    }

    static ObjectNode key(ApiKey k) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", k.id()).put("masked", k.masked()).put("name", k.name()).put("user_id", k.userId());
        o.putPOJO("rpm", k.rpm()).putPOJO("tpm", k.tpm()).putPOJO("budget_usd", k.budgetUsd());
        ArrayNode models = o.putArray("models");
        k.models().forEach(models::add);
        o.put("expires_at", Timestamps.format(k.expiresAt())).put("created_at", Timestamps.format(k.createdAt()));
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
                .put("version", c.version()).put("created_at", Timestamps.format(c.createdAt()))
                .put("updated_at", Timestamps.format(c.updatedAt())).put("validated_at", Timestamps.format(c.validatedAt()))
                .put("last_error", c.lastError());
        return o;
    }

    static ObjectNode audit(AuditEvent e) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", e.id()).put("at", Timestamps.format(e.at())).put("actor", e.actor()).put("action", e.action())
                .put("target", e.target()).put("workspace_id", e.workspaceId()).put("detail", e.detail());
        return o;
    }

    private static ClientError outOfRange(String field, String expected) {
        return VaultErrors.unprocessable("invalid_value", "'" + field + "' must be " + expected + ".", field);
    }

    private static ClientError wrongType(String field, String expected) {
        return ClientError.badRequest("invalid_request", "'" + field + "' must be " + expected + ".", field);
    }
}
