package io.keyroute.server.management;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.server.alerts.Alert;
import io.keyroute.server.alerts.AlertLog;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.JsonOut;

/**
 * {@code GET /alerts?limit&before}: alerts newest first, a page at a time (admin: every alert; a
 * workspace admin: their workspace's budget and credential alerts, not the gateway's circuits).
 */
final class AlertsService implements HttpService {
    private final ManagementAuth auth;
    private final AlertLog alerts;

    AlertsService(ManagementAuth auth, AlertLog alerts) {
        this.auth = auth;
        this.alerts = alerts;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/alerts", ManagementCall.of(this::list));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String workspaceId = auth.adminReadScope(caller, "alerts");
        PageParams page = PageParams.of(req.query());
        var found = alerts.recent(workspaceId, page.limit(), page.before());
        JsonOut.send(res, 200, PageParams.json(found, found.items().stream().map(Alert::json).toList()));
    }
}
