package io.keyroute.server.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.vault.audit.AuditLog;
import java.time.Instant;

/** {@code GET /audit?from&to} (admin): {@code from}/{@code to} are RFC 3339 times or dates; {@code to} is exclusive. */
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
        ManagementAuth.requireAdmin(auth.caller(req));
        var query = req.query();
        Instant from = QueryTimes.parse(query.first("from").asOptional(), "from", false).orElse(Instant.EPOCH);
        Instant to = QueryTimes.parse(query.first("to").asOptional(), "to", true).orElse(QueryTimes.END_OF_TIME);
        JsonOut.send(res, 200, ManagementJson.list(audit.between(from, to).stream().map(ManagementJson::audit).toList()));
    }
}
