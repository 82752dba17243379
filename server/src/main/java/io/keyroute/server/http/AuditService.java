package io.keyroute.server.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.error.ClientError;
import io.keyroute.vault.audit.AuditLog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@code GET /audit?from&to} (admin): {@code from}/{@code to} are RFC 3339 times or dates; {@code to} is exclusive. */
final class AuditService implements HttpService {
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

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
        Instant from = time(query.first("from").asOptional(), "from", false).orElse(Instant.EPOCH);
        Instant to = time(query.first("to").asOptional(), "to", true).orElse(END_OF_TIME);
        JsonOut.send(res, 200, ManagementJson.list(audit.between(from, to).stream().map(ManagementJson::audit).toList()));
    }

    /** A date as {@code to} means the end of that day, so {@code from=D&to=D} is the whole day. */
    private static Optional<Instant> time(Optional<String> text, String param, boolean endOfDay) {
        return text.filter(t -> !t.isBlank()).map(t -> {
            try {
                return t.length() == 10
                        ? LocalDate.parse(t).plusDays(endOfDay ? 1 : 0).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw ClientError.badRequest("invalid_request", "'" + param + "' must be an RFC 3339 time or a date.", param);
            }
        });
    }
}
