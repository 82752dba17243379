package io.keyroute.server.management;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.audit.AuditQuery;
import java.time.Instant;

/**
 * {@code GET /audit?from&to&actor&action&target&limit&before}: events newest first, a page at a
 * time (admin: every event; a workspace admin: their workspace's). {@code from}/{@code to} are
 * RFC 3339 times or dates; {@code to} is exclusive.
 */
final class AuditService implements HttpService {
    private final ManagementAuth auth;
    private final AuditLog audit;

    AuditService(ManagementAuth auth, AuditLog audit) {
        this.auth = auth;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/audit", ManagementCall.of(this::list));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String workspaceId = auth.adminReadScope(caller, "the audit trail");
        var query = req.query();
        Instant from = QueryTimes.parse(query.first("from").asOptional(), "from", false).orElse(Instant.EPOCH);
        Instant to = QueryTimes.parse(query.first("to").asOptional(), "to", true).orElse(QueryTimes.END_OF_TIME);
        PageParams page = PageParams.of(query);
        var events = audit.search(new AuditQuery(from, to, filter(req, "actor"), filter(req, "action"),
                filter(req, "target"), workspaceId, page.limit(), page.before()));
        JsonOut.send(res, 200, PageParams.json(events, events.items().stream().map(ManagementJson::audit).toList()));
    }

    private static String filter(ServerRequest req, String name) {
        return req.query().first(name).asOptional().filter(s -> !s.isBlank()).orElse(null);
    }
}
