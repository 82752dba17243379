package io.keyroute.server.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.Timestamps;
import io.keyroute.routing.health.CircuitEvents;
import io.keyroute.routing.health.LastError;
import io.keyroute.vault.common.Ids;

/**
 * A provider's circuit opening and closing again, as alerts: each transition is one (the breaker
 * tells only transitions). Circuits are each process's own, so each replica raises its own.
 */
final class CircuitAlerts implements CircuitEvents {
    private final Alerts alerts;

    CircuitAlerts(Alerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public void opened(String providerId, LastError cause) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("provider", providerId).put("state", "open");
        if (cause != null) {
            data.putObject("last_error").put("at", Timestamps.format(cause.at())).put("summary", cause.summary());
        }
        String why = cause == null ? "" : ": " + cause.summary();
        alerts.submit(() -> alerts.raise(Ids.next("circuit"), AlertType.CIRCUIT_OPENED, null,
                "Provider " + providerId + "'s circuit opened" + why + ".", data));
    }

    @Override
    public void closed(String providerId) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("provider", providerId).put("state", "closed");
        alerts.submit(() -> alerts.raise(Ids.next("circuit"), AlertType.CIRCUIT_CLOSED, null,
                "Provider " + providerId + "'s circuit closed again.", data));
    }
}
