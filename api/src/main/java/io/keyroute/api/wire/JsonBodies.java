package io.keyroute.api.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.error.ClientError;

/**
 * A request body read as one JSON object, whatever API it is for (both wire formats and the
 * management API): the same 400s everywhere, saying where parsing failed and never quoting the body.
 */
public final class JsonBodies {
    private JsonBodies() {
    }

    /** A JSON object, or a 400 that says where parsing failed (never quoting the body). */
    public static ObjectNode parseObject(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw invalidJson(e);
        } catch (java.io.IOException e) {
            throw unreadable();
        }
        if (root == null || !root.isObject()) {
            throw ClientError.badRequest("invalid_json", "The request body must be a JSON object.", null);
        }
        return (ObjectNode) root;
    }

    /** Not JSON, or JSON beyond a limit the parser keeps on purpose (then named: it is not "invalid"). */
    public static ClientError invalidJson(JacksonException e) {
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        if (e instanceof StreamConstraintsException limit) {
            return ClientError.badRequest("json_limit_exceeded",
                    "The request body " + JsonLimits.describe(limit) + where + ".", null);
        }
        return ClientError.badRequest("invalid_json", "The request body is not valid JSON" + where + ".", null);
    }

    /** The body could not be read at all (an I/O failure under the parser). */
    public static ClientError unreadable() {
        return ClientError.badRequest("invalid_json", "The request body could not be read.", null);
    }
}
