package io.keyroute.server.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An agent's card as Keyroute serves it: every way of calling the agent points at Keyroute's
 * {@code /a2a/{agent}} (JSON-RPC, the one binding Keyroute proxies; the agent's gRPC and REST interfaces are
 * dropped, they would bypass it), the only security scheme is a Keyroute key as a bearer token, push
 * notifications are off (Keyroute refuses their configuration) and signatures are dropped (they signed the
 * agent's own card, which this no longer is). Both card shapes are read: A2A 0.3's ({@code url},
 * {@code preferredTransport}, {@code additionalInterfaces}, {@code security}) and A2A 1.0's
 * ({@code supportedInterfaces}, {@code securityRequirements}, schemes as ProtoJSON). Everything else (name,
 * skills, modes, provider) is the agent's.
 */
final class CardRewriter {
    static final String SCHEME = "keyroute";
    private static final String JSONRPC = "JSONRPC";
    private static final String DESCRIPTION = "A Keyroute key (kr-…) as 'Authorization: Bearer'";

    private CardRewriter() {
    }

    /** Rewrites {@code card} in place (a copy the caller owns) to point at {@code endpoint}. */
    static ObjectNode rewrite(ObjectNode card, String endpoint) {
        if (card.has("supportedInterfaces")) {
            version1(card, endpoint);
        } else {
            version03(card, endpoint);
        }
        card.remove("signatures");
        JsonNode capabilities = card.get("capabilities");
        if (capabilities instanceof ObjectNode caps) {
            caps.put("pushNotifications", false);
        }
        return card;
    }

    private static void version03(ObjectNode card, String endpoint) {
        card.put("url", endpoint);
        card.put("preferredTransport", JSONRPC);
        card.putArray("additionalInterfaces").addObject().put("url", endpoint).put("transport", JSONRPC);
        card.putObject("securitySchemes").putObject(SCHEME).put("type", "http").put("scheme", "bearer")
                .put("description", DESCRIPTION);
        card.putArray("security").addObject().putArray(SCHEME);
    }

    private static void version1(ObjectNode card, String endpoint) {
        String version = null;
        for (JsonNode entry : card.path("supportedInterfaces")) {
            if (JSONRPC.equals(entry.path("protocolBinding").textValue())) {
                version = entry.path("protocolVersion").textValue();
                break;
            }
        }
        ArrayNode interfaces = card.putArray("supportedInterfaces");
        ObjectNode only = interfaces.addObject().put("url", endpoint).put("protocolBinding", JSONRPC);
        if (version != null) {
            only.put("protocolVersion", version);
        }
        card.putObject("securitySchemes").putObject(SCHEME).putObject("httpAuthSecurityScheme")
                .put("scheme", "Bearer").put("description", DESCRIPTION);
        card.putArray("securityRequirements").addObject().putObject("schemes").putObject(SCHEME).putArray("list");
        card.remove("security");
    }
}
