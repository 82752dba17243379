package io.keyroute.server.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.api.Timestamps;
import io.keyroute.server.config.McpServerSettings;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.vault.common.VaultErrors;
import io.keyroute.vault.credentials.CredentialPatch;
import io.keyroute.vault.credentials.Credentials;
import io.keyroute.vault.credentials.Credentials.SecretForm;
import io.keyroute.vault.credentials.NewCredential;
import io.keyroute.vault.credentials.StoredCredential;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credentials for upstream MCP servers, the same verbs as provider credentials for a user's own
 * ({@code /users/me/mcp-credentials}) and a workspace's ({@code /workspaces/{ws}/mcp-credentials},
 * workspace admins): a static token is stored here; OAuth tokens come from the authorization flow
 * ({@link McpOAuthService}) and are listed, renamed, deactivated and deleted here like any other.
 * Tokens are only ever shown masked.
 */
final class McpCredentialsService implements HttpService {
    /** A token goes in an HTTP header: printable ASCII without spaces, and not absurdly long. */
    static final int MAX_TOKEN_CHARS = 8192;
    private static final String TOKEN = "token";

    private final ManagementAuth auth;
    private final Credentials credentials;
    private final Function<String, Optional<McpServerSettings>> servers;

    McpCredentialsService(ManagementAuth auth, Credentials credentials, Function<String, Optional<McpServerSettings>> servers) {
        this.auth = auth;
        this.credentials = credentials;
        this.servers = servers;
    }

    @Override
    public void routing(HttpRules rules) {
        new CredentialRoutes(this::create, this::list, this::get, this::update, this::delete).register(rules, "mcp-credentials");
    }

    private void create(ServerRequest req, ServerResponse res) {
        CredentialScope scope = CredentialScope.of(auth, req);
        ObjectNode body = ManagementJson.body(req);
        String server = ManagementJson.text(body, "server");
        Secret token = ManagementJson.secret(body, TOKEN);
        if (server == null || token == null) {
            throw VaultErrors.badRequest("server and token are required.", server == null ? "server" : TOKEN);
        }
        if (servers.apply(server).isEmpty()) {
            throw VaultErrors.unprocessable("unknown_mcp_server",
                    "Unknown MCP server '" + server + "': the config's mcp.servers lists the ones Keyroute fronts.", "server");
        }
        checkToken(token);
        var created = credentials.create(scope.actor(), scope.owner(), scope.workspaceId(),
                new NewCredential(server, token, ManagementJson.text(body, "name"), null, ManagementJson.bool(body, "is_default")),
                new SecretForm(token.masked(), TOKEN, null));
        JsonOut.send(res, 201, json(created, credentials.form(scope.owner(), created.id())));
    }

    private void list(ServerRequest req, ServerResponse res) {
        CredentialScope scope = CredentialScope.of(auth, req);
        JsonOut.send(res, 200, ManagementJson.list(credentials.list(scope.owner()).stream()
                .map(c -> json(c, credentials.form(scope.owner(), c.id()))).toList()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        CredentialScope scope = CredentialScope.of(auth, req);
        StoredCredential c = credentials.get(scope.owner(), id(req));
        JsonOut.send(res, 200, json(c, credentials.form(scope.owner(), c.id())));
    }

    /** A new {@code token} is a rotation (a new version); an OAuth credential's tokens are renewed by authorizing again. */
    private void update(ServerRequest req, ServerResponse res) {
        CredentialScope scope = CredentialScope.of(auth, req);
        ObjectNode body = ManagementJson.body(req);
        Secret token = ManagementJson.secret(body, TOKEN);
        String id = id(req);
        StoredCredential current = credentials.get(scope.owner(), id);
        if (token != null) {
            if (!TOKEN.equals(credentials.form(scope.owner(), id).authType())) {
                throw VaultErrors.unprocessable("oauth_credential", "An OAuth credential's tokens are renewed by Keyroute or by "
                        + "authorizing again (POST /api/v1/mcp/servers/{id}/oauth/start), not set.", TOKEN);
            }
            checkToken(token);
            credentials.rotate(scope.actor(), scope.owner(), scope.workspaceId(), id, current.version(), token,
                    new SecretForm(token.masked(), TOKEN, null), "credential.rotated")
                    .orElseThrow(() -> VaultErrors.conflict("The credential changed meanwhile; read it and try again."));
        }
        var updated = credentials.update(scope.actor(), scope.owner(), scope.workspaceId(), id,
                new CredentialPatch(null, ManagementJson.text(body, "name"), ManagementJson.bool(body, "is_default"),
                        ManagementJson.bool(body, "is_active")));
        JsonOut.send(res, 200, json(updated, credentials.form(scope.owner(), id)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        CredentialScope scope = CredentialScope.of(auth, req);
        credentials.delete(scope.actor(), scope.owner(), scope.workspaceId(), id(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static void checkToken(Secret token) {
        String value = token.reveal();
        boolean headerSafe = !value.isEmpty() && value.length() <= MAX_TOKEN_CHARS
                && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (!headerSafe) {
            throw VaultErrors.unprocessable("invalid_token", "token must be 1 to " + MAX_TOKEN_CHARS
                    + " printable ASCII characters without spaces (it is sent as 'Authorization: Bearer <token>').", TOKEN);
        }
    }

    /** An MCP credential as anyone may see it: the token only masked. */
    static ObjectNode json(StoredCredential c, SecretForm form) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", c.id()).put("server", c.provider()).put("name", c.name()).put("type", form.authType())
                .put("masked_token", c.maskedKey()).put("is_default", c.isDefault()).put("is_active", c.isActive())
                .put("version", c.version()).put("created_at", Timestamps.format(c.createdAt()))
                .put("updated_at", Timestamps.format(c.updatedAt())).put("expires_at", Timestamps.format(form.expiresAt()));
        return o;
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
