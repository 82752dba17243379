package io.keyroute.server.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.Timestamps;
import java.time.Instant;

/**
 * One raised alert, as the alerts API lists it and webhooks receive it.
 *
 * @param workspaceId the workspace it concerns, or null for the whole gateway (a provider's circuit)
 * @param summary     one human sentence
 * @param data        the event's ids and amounts; never a secret
 */
public record Alert(String id, AlertType type, Instant at, String workspaceId, String summary, ObjectNode data) {

    /** {@code {id, type, created_at, workspace_id, summary, data}}. */
    public ObjectNode json() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", id).put("type", type.wire()).put("created_at", Timestamps.format(at))
                .put("workspace_id", workspaceId).put("summary", summary).set("data", data);
        return o;
    }
}
