package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.server.alerts.Alerts;
import io.keyroute.server.config.KeyrouteConfig.PlanSettings;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.vault.common.VaultErrors;
import io.keyroute.vault.credentials.CredentialPatch;
import io.keyroute.vault.credentials.Credentials;
import io.keyroute.vault.credentials.NewCredential;
import io.keyroute.vault.credentials.StoredCredential;
import io.keyroute.vault.tenancy.Tenants;
import java.util.function.Supplier;

/**
 * Provider credentials, the same verbs for a user's own ({@code /users/me/llm-credentials}) and a
 * workspace's ({@code /workspaces/{ws}/llm-credentials}, workspace admins).
 */
final class CredentialsService implements HttpService {

    private final ManagementAuth auth;
    private final Credentials credentials;
    private final Tenants tenants;
    private final Supplier<GatewayRuntime> runtimes;
    private final Alerts alerts;

    /** @param alerts told when a validation fails, or null */
    CredentialsService(ManagementAuth auth, Credentials credentials, Tenants tenants, Supplier<GatewayRuntime> runtimes,
                       Alerts alerts) {
        this.auth = auth;
        this.credentials = credentials;
        this.tenants = tenants;
        this.runtimes = runtimes;
        this.alerts = alerts;
    }

    @Override
    public void routing(HttpRules rules) {
        for (String base : new CredentialRoutes(this::create, this::list, this::get, this::update, this::delete)
                .register(rules, "llm-credentials")) {
            rules.post(base + "/{id}/validate", ManagementCall.of(this::validate));
        }
    }

    private CredentialScope scope(ServerRequest req) {
        return CredentialScope.of(auth, req);
    }

    private void create(ServerRequest req, ServerResponse res) {
        CredentialScope scope = scope(req);
        requireByok(scope.workspaceId());
        ObjectNode body = ManagementJson.body(req);
        var input = new NewCredential(ManagementJson.text(body, "provider"), ManagementJson.secret(body, "api_key"),
                ManagementJson.text(body, "name"), ManagementJson.text(body, "base_url"), ManagementJson.bool(body, "is_default"));
        var created = credentials.create(scope.actor(), scope.owner(), scope.workspaceId(), input);
        JsonOut.send(res, 201, ManagementJson.credential(created));
    }

    private void list(ServerRequest req, ServerResponse res) {
        CredentialScope scope = scope(req);
        JsonOut.send(res, 200, ManagementJson.list(
                credentials.list(scope.owner()).stream().map(ManagementJson::credential).toList()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        CredentialScope scope = scope(req);
        JsonOut.send(res, 200, ManagementJson.credential(credentials.get(scope.owner(), id(req))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        CredentialScope scope = scope(req);
        ObjectNode body = ManagementJson.body(req);
        var patch = new CredentialPatch(ManagementJson.secret(body, "api_key"), ManagementJson.text(body, "name"),
                ManagementJson.bool(body, "is_default"), ManagementJson.bool(body, "is_active"));
        var updated = credentials.update(scope.actor(), scope.owner(), scope.workspaceId(), id(req), patch);
        JsonOut.send(res, 200, ManagementJson.credential(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        CredentialScope scope = scope(req);
        credentials.delete(scope.actor(), scope.owner(), scope.workspaceId(), id(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void validate(ServerRequest req, ServerResponse res) {
        CredentialScope scope = scope(req);
        StoredCredential validated = credentials.validate(scope.actor(), scope.owner(), scope.workspaceId(), id(req));
        if (validated.lastError() != null && alerts != null) {
            alerts.credentialFailed(validated, scope.workspaceId());
        }
        JsonOut.send(res, 200, ManagementJson.credential(validated));
    }

    /** A plan with {@code byok: false} uses system keys only, so storing a key would mislead. */
    private void requireByok(String workspaceId) {
        String plan = tenants.workspace(workspaceId).map(w -> w.plan()).orElse(null);
        PlanSettings settings = plan == null ? null : runtimes.get().config().plans().get(plan);
        if (settings != null && !settings.byok()) {
            throw VaultErrors.forbidden("Plan '" + plan + "' does not include your own provider keys (byok).");
        }
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
