package io.keyroute.server.management;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.cache.AnswerSelection;
import io.keyroute.server.cache.AnswerStore;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.common.VaultErrors;
import java.util.Optional;

/**
 * {@code DELETE /cache?workspace=&model=}: removes stored answers, all of them or a workspace's, a model's
 * (or route's, as requests named it resolved) or both, and answers how many went. The admin token may remove
 * any; a workspace admin only their workspace's (without {@code workspace=}, theirs). Every removal is audited
 * ({@code cache.invalidated}).
 */
final class CacheService implements HttpService {
    /** Longer than any model or route name the config accepts. */
    private static final int MAX_NAME = 512;

    private final ManagementAuth auth;
    private final AnswerStore answers;
    private final AuditLog audit;

    CacheService(ManagementAuth auth, AnswerStore answers, AuditLog audit) {
        this.auth = auth;
        this.answers = answers;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.delete("/cache", ManagementCall.of(this::invalidate));
    }

    private void invalidate(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        Optional<String> asked = bounded(req.query().first("workspace").asOptional(), "workspace");
        String model = bounded(req.query().first("model").asOptional(), "model").orElse(null);
        String workspace = caller.admin() ? asked.orElse(null) : asked.orElse(caller.workspaceId());
        if (workspace != null) {
            auth.requireWorkspaceAdmin(caller, workspace); // 404 for an unknown one, 403 for another's
        } else {
            ManagementAuth.requireAdmin(caller);
        }
        long removed = answers.remove(new AnswerSelection(workspace, model));
        audit.record(ManagementAuth.actor(caller), "cache.invalidated", model == null ? "*" : model, workspace,
                "removed " + removed);
        JsonOut.send(res, 200, Json.MAPPER.createObjectNode().put("removed", removed)
                .put("workspace", workspace).put("model", model));
    }

    private static Optional<String> bounded(Optional<String> value, String param) {
        if (value.isPresent() && (value.get().isBlank() || value.get().length() > MAX_NAME)) {
            throw VaultErrors.badRequest("'" + param + "' must be 1 to " + MAX_NAME + " characters.", param);
        }
        return value;
    }
}
