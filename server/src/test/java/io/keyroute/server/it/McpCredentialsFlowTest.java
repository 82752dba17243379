package io.keyroute.server.it;

import static io.keyroute.server.it.VaultGateway.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.McpOAuthSettings;
import io.keyroute.server.config.McpServerSettings;
import io.keyroute.server.config.McpSettings;
import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.server.mcp.UpstreamAuthorization;
import io.keyroute.server.mcp.oauth.ConfiguredMcpServers;
import io.keyroute.server.mcp.oauth.McpOAuth;
import io.keyroute.server.mcp.oauth.VaultUpstreamAuthorization;
import io.keyroute.testkit.oauth.FakeAuthorizationServer;
import io.keyroute.testkit.oauth.FakeProtectedResource;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.net.BaseUrlGuard;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Credentials for upstream MCP servers through the management API: OAuth 2.1 with PKCE against
 * testkit's authorization server (discovery from the server's 401, dynamic registration, the
 * browser's redirect, the callback), refresh before expiry and on a 401 (one at a time), static
 * tokens with rotation and the workspace's as fallback, isolation between users, the SSRF guard on
 * discovered URLs, and a scan of everything Keyroute answered, logged and stored for the tokens.
 */
class McpCredentialsFlowTest {
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    /** The pieces of one test: the gateway, the fakes, the tenancy, and /mcp's view of credentials. */
    private record Setup(VaultGateway g, FakeAuthorizationServer as, FakeProtectedResource docs, Tenancy t,
                         UpstreamAuthorization upstream, AtomicReference<McpSettings> mcp) {
        Caller bob() {
            return new Caller("key-bob", t.bob(), t.ws(), "pro", Set.of(), false);
        }

        Caller ada() {
            return new Caller("key-ada", t.ada(), t.ws(), "pro", Set.of(), false);
        }
    }

    private static Setup setup(VaultGateway g, FakeAuthorizationServer as, FakeProtectedResource docs, McpOAuthSettings oauth,
                               boolean allowPrivate) {
        var mcp = new AtomicReference<>(new McpSettings(List.of(new McpServerSettings("docs", docs.url(), oauth))));
        g.mcp(mcp.get(), allowPrivate);
        var servers = new ConfiguredMcpServers(mcp::get);
        var oauthFlow = new McpOAuth(g.vault.mcpCredentials(), servers, new BaseUrlGuard(() -> allowPrivate), Clock.systemUTC());
        return new Setup(g, as, docs, Tenancy.create(g), new VaultUpstreamAuthorization(g.vault.mcpCredentials(), oauthFlow,
                g.vault.database().cacheFreshness()), mcp);
    }

    /** Start, the browser's visit to the authorization endpoint, and the callback it is redirected to. */
    private static Response authorize(Setup s, String key) throws Exception {
        Response started = s.g().call("POST", "/api/v1/mcp/servers/docs/oauth/start", key, null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        URI authorizationUrl = URI.create(started.text("authorization_url"));
        HttpResponse<String> consent = BROWSER.send(HttpRequest.newBuilder(authorizationUrl).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(302);
        URI back = URI.create(consent.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith("http://127.0.0.1:" + s.g().port() + "/api/v1/mcp/oauth/callback?");
        return s.g().call("GET", back.getPath() + "?" + back.getRawQuery(), null, null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theOAuthFlowStoresTokensNoCallerSees(TestDatabase db) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var logs = new ListAppender<ILoggingEvent>();
        logs.start();
        root.addAppender(logs);
        List<String> secrets = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (var as = FakeAuthorizationServer.start(Clock.systemUTC());
             var docs = new FakeProtectedResource(as.issuer(), as);
             var g = new VaultGateway(db, "http://127.0.0.1:9")) {
            Setup s = setup(g, as, docs, null, true);

            Response started = g.call("POST", "/api/v1/mcp/servers/docs/oauth/start", s.t().bobKey(), null);
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            URI url = URI.create(started.text("authorization_url"));
            Map<String, String> query = FakeAuthorizationServer.queryOf(url);
            assertThat(url.toString()).startsWith(as.issuer() + "/authorize?");
            assertThat(query).containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
                    .containsEntry("resource", docs.url()).containsEntry("scope", "tools:read") // the 401 challenge's scope
                    .containsEntry("redirect_uri", "http://127.0.0.1:" + g.port() + "/api/v1/mcp/oauth/callback");
            assertThat(query.get("code_challenge")).hasSize(43);
            assertThat(query.get("client_id")).startsWith("dyn-");
            assertThat(as.registrations()).isEqualTo(1);
            HttpResponse<String> consent = BROWSER.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> back = FakeAuthorizationServer.queryOf(URI.create(consent.headers().firstValue("Location").orElseThrow()));
            assertThat(back.get("state")).isEqualTo(query.get("state"));
            secrets.add(back.get("code"));

            String callback = "/api/v1/mcp/oauth/callback?code=" + enc(back.get("code")) + "&state=" + enc(back.get("state"))
                    + "&iss=" + enc(back.get("iss"));
            Response stored = g.call("GET", callback, null, null);
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
            assertThat(stored.text("server")).isEqualTo("docs");
            assertThat(stored.text("type")).isEqualTo("oauth");
            assertThat(stored.text("masked_token")).matches("at-…[A-Za-z0-9_-]{4}");
            assertThat(stored.json().path("version").asInt()).isEqualTo(1);
            assertThat(stored.text("expires_at")).isNotNull();
            // The verifier went to the token endpoint only, and matched the challenge the browser carried.
            String tokenRequest = as.tokenRequestBodies().getFirst();
            assertThat(tokenRequest).contains("grant_type=authorization_code").contains("code_verifier=")
                    .contains("resource=" + enc(docs.url()));
            String verifier = FakeAuthorizationServer.queryOf(URI.create("x:/?" + tokenRequest)).get("code_verifier");
            secrets.add(verifier);

            // A state is good once.
            Response replay = g.call("GET", callback, null, null);
            assertThat(replay.status()).isEqualTo(400);
            assertThat(replay.json().at("/error/code").asText()).isEqualTo("invalid_state");

            // /mcp's view: bob's access token, live at the server; ada (same workspace) has none.
            String header = s.upstream().authorization(s.bob(), "docs").orElseThrow();
            String token = header.substring("Bearer ".length());
            secrets.add(token);
            assertThat(header).startsWith("Bearer at-");
            assertThat(as.accepts(token, docs.url())).isTrue();
            assertThat(s.upstream().authorization(s.ada(), "docs")).isEmpty();

            // Listed masked for bob; another user's id is 404 everywhere.
            String id = stored.text("id");
            Response mine = g.call("GET", "/api/v1/users/me/mcp-credentials", s.t().bobKey(), null);
            assertThat(mine.json().path("data")).hasSize(1);
            assertThat(g.call("GET", "/api/v1/users/me/mcp-credentials/" + id, s.t().adaKey(), null).status()).isEqualTo(404);
            assertThat(g.call("PATCH", "/api/v1/users/me/mcp-credentials/" + id, s.t().adaKey(), "{\"name\":\"x\"}").status())
                    .isEqualTo(404);
            assertThat(g.call("DELETE", "/api/v1/users/me/mcp-credentials/" + id, s.t().adaKey(), null).status()).isEqualTo(404);
            assertThat(g.call("GET", "/api/v1/users/me/mcp-credentials", s.t().adaKey(), null).json().path("data")).isEmpty();
            // Not a provider credential either.
            assertThat(g.call("GET", "/api/v1/users/me/llm-credentials", s.t().bobKey(), null).json().path("data")).isEmpty();
            // Refresh once (the token is revoked: the server's 401), so a refresh token and a second access token exist too.
            as.revokeAccessTokens();
            s.upstream().rejected(s.bob(), "docs");
            secrets.add(s.upstream().authorization(s.bob(), "docs").orElseThrow().substring("Bearer ".length()));
            seen.addAll(g.storedRows());
            seen.addAll(g.responses);
        } finally {
            root.detachAppender(logs);
        }
        for (ILoggingEvent event : logs.list) {
            seen.add(event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        assertThat(secrets).hasSize(4).doesNotContainNull();
        String everything = String.join("\n", seen);
        for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tokensAreRefreshedBeforeExpiryAndOnA401OneAtATime(TestDatabase db) throws Exception {
        try (var as = FakeAuthorizationServer.start(Clock.systemUTC());
             var docs = new FakeProtectedResource(as.issuer(), as);
             var g = new VaultGateway(db, "http://127.0.0.1:9")) {
            Setup s = setup(g, as, docs, null, true);
            as.accessTokenLifetime(Duration.ofSeconds(30)); // within the minute before expiry in which Keyroute refreshes
            String id = authorize(s, s.t().bobKey()).text("id");
            String first = currentToken(s);
            assertThat(as.tokenRequests("refresh_token")).isEqualTo(1);
            assertThat(as.accepts(first, docs.url())).isTrue();

            as.accessTokenLifetime(Duration.ofHours(1));
            String second = currentToken(s);
            assertThat(second).isNotEqualTo(first);
            assertThat(currentToken(s)).isEqualTo(second); // an hour left: no refresh
            assertThat(as.tokenRequests("refresh_token")).isEqualTo(2);

            // The server answers 401 (revoked): eight concurrent rejections of the same token refresh once.
            as.revokeAccessTokens();
            try (var pool = Executors.newFixedThreadPool(8)) {
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    all.add(CompletableFuture.runAsync(() -> s.upstream().rejected(s.bob(), "docs"), pool));
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
            }
            assertThat(as.tokenRequests("refresh_token")).isEqualTo(3);
            String third = currentToken(s);
            assertThat(as.accepts(third, docs.url())).isTrue();
            Response now = g.call("GET", "/api/v1/users/me/mcp-credentials/" + id, s.t().bobKey(), null);
            assertThat(now.json().path("version").asInt()).isEqualTo(4); // the authorization and three refreshes
            assertThat(g.call("GET", "/api/v1/audit?action=credential.refreshed&target=" + id, ADMIN_TOKEN, null)
                    .json().path("data")).hasSize(3);

            // The grant is revoked: the refresh is refused, the credential deactivated, nothing is sent any more.
            as.revokeRefreshTokens();
            as.revokeAccessTokens();
            s.upstream().rejected(s.bob(), "docs");
            assertThat(g.call("GET", "/api/v1/users/me/mcp-credentials/" + id, s.t().bobKey(), null).json().path("is_active")
                    .asBoolean()).isFalse();
            assertThat(s.upstream().authorization(s.bob(), "docs")).isEmpty();
            // Authorizing again renews the same credential (a new version) and makes it active again.
            Response again = authorize(s, s.t().bobKey());
            assertThat(again.text("id")).as(again.body()).isEqualTo(id);
            assertThat(again.json().path("version").asInt()).isEqualTo(5);
            assertThat(again.json().path("is_active").asBoolean()).isTrue();
            assertThat(as.accepts(currentToken(s), docs.url())).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twoReplicasRefreshingAtOnceKeepTheCredentialAndOneRefreshStands(TestDatabase db) throws Exception {
        try (var as = FakeAuthorizationServer.start(Clock.systemUTC());
             var docs = new FakeProtectedResource(as.issuer(), as);
             var g = new VaultGateway(db, "http://127.0.0.1:9")) {
            Setup s = setup(g, as, docs, null, true);
            String id = authorize(s, s.t().bobKey()).text("id");
            currentToken(s);
            // A second replica: its own McpOAuth (its own locks) over the same database.
            var other = new VaultUpstreamAuthorization(g.vault.mcpCredentials(), new McpOAuth(g.vault.mcpCredentials(),
                    new ConfiguredMcpServers(s.mcp()::get), new BaseUrlGuard(() -> true), Clock.systemUTC()),
                    g.vault.database().cacheFreshness());
            other.authorization(s.bob(), "docs");
            as.revokeAccessTokens();
            as.gatherTokenRequests(2); // both refreshes reach the authorization server before either is answered
            try (var replicas = Executors.newFixedThreadPool(2)) {
                var here = CompletableFuture.runAsync(() -> s.upstream().rejected(s.bob(), "docs"), replicas);
                var there = CompletableFuture.runAsync(() -> other.rejected(s.bob(), "docs"), replicas);
                CompletableFuture.allOf(here, there).get();
            }

            assertThat(as.tokenRequests("refresh_token")).isEqualTo(2); // one answered with new tokens, one invalid_grant
            Response credential = g.call("GET", "/api/v1/users/me/mcp-credentials/" + id, s.t().bobKey(), null);
            assertThat(credential.json().path("is_active").asBoolean()).isTrue();
            assertThat(credential.json().path("version").asInt()).isEqualTo(2);
            assertThat(as.accepts(currentToken(s), docs.url())).isTrue();
            assertThat(other.authorization(s.bob(), "docs")).hasValue("Bearer " + currentToken(s));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void staticTokensRotateAndTheWorkspacesServeItsMembers(TestDatabase db) throws Exception {
        try (var as = FakeAuthorizationServer.start(Clock.systemUTC());
             var docs = new FakeProtectedResource(as.issuer(), as);
             var g = new VaultGateway(db, "http://127.0.0.1:9")) {
            Setup s = setup(g, as, docs, null, true);
            String wsToken = "team-" + "TeamTokenTeamTokenTeamToken01";
            Response team = g.call("POST", "/api/v1/workspaces/" + s.t().ws() + "/mcp-credentials", s.t().adaKey(),
                    "{\"server\":\"docs\",\"token\":\"" + wsToken + "\"}");
            assertThat(team.status()).as(team.body()).isEqualTo(201);
            assertThat(team.text("masked_token")).isEqualTo("…en01");
            assertThat(team.text("type")).isEqualTo("token");
            assertThat(g.call("POST", "/api/v1/workspaces/" + s.t().ws() + "/mcp-credentials", s.t().bobKey(),
                    "{\"server\":\"docs\",\"token\":\"x-123456789\"}").status()).isEqualTo(403);
            assertThat(s.upstream().authorization(s.bob(), "docs")).hasValue("Bearer " + wsToken);

            String bobToken = "bob-" + "BobTokenBobTokenBobToken0001";
            Response own = g.call("POST", "/api/v1/users/me/mcp-credentials", s.t().bobKey(),
                    "{\"server\":\"docs\",\"token\":\"" + bobToken + "\",\"name\":\"mine\"}");
            assertThat(own.status()).as(own.body()).isEqualTo(201);
            assertThat(s.upstream().authorization(s.bob(), "docs")).hasValue("Bearer " + bobToken);
            assertThat(s.upstream().authorization(s.ada(), "docs")).hasValue("Bearer " + wsToken);

            String rotated = "bob-" + "BobTokenBobTokenBobToken0002";
            Response patched = g.call("PATCH", "/api/v1/users/me/mcp-credentials/" + own.text("id"), s.t().bobKey(),
                    "{\"token\":\"" + rotated + "\"}");
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(patched.json().path("version").asInt()).isEqualTo(2);
            assertThat(s.upstream().authorization(s.bob(), "docs")).hasValue("Bearer " + rotated);
            assertThat(g.storedRows()).noneMatch(r -> r.contains(bobToken) || r.contains(rotated) || r.contains(wsToken));

            assertThat(g.call("POST", "/api/v1/users/me/mcp-credentials", s.t().bobKey(),
                    "{\"server\":\"nope\",\"token\":\"abcdefgh\"}").json().at("/error/code").asText()).isEqualTo("unknown_mcp_server");
            assertThat(g.call("POST", "/api/v1/users/me/mcp-credentials", s.t().bobKey(),
                    "{\"server\":\"docs\",\"token\":\"two words\"}").status()).isEqualTo(422);
            assertThat(g.call("POST", "/api/v1/users/me/mcp-credentials", s.t().bobKey(),
                    "{\"server\":\"docs\",\"token\":\"abcdefgh\",\"name\":\"mine\"}").status()).isEqualTo(409);

            assertThat(g.call("DELETE", "/api/v1/users/me/mcp-credentials/" + own.text("id"), s.t().bobKey(), null).status())
                    .isEqualTo(204);
            assertThat(g.call("GET", "/api/v1/users/me/mcp-credentials/" + own.text("id"), s.t().bobKey(), null).status())
                    .isEqualTo(404);
            assertThat(s.upstream().authorization(s.bob(), "docs")).hasValue("Bearer " + wsToken);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStaticTokenIsKeptUntilItsCredentialChangesAndNeverLogged(TestDatabase db) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        var logs = new ListAppender<ILoggingEvent>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        String first = "bob-" + "KeptTokenKeptTokenKeptToken01";
        String second = "bob-" + "KeptTokenKeptTokenKeptToken02";
        try (var as = FakeAuthorizationServer.start(Clock.systemUTC());
             var docs = new FakeProtectedResource(as.issuer(), as);
             var g = new VaultGateway(db, "http://127.0.0.1:9")) {
            Setup s = setup(g, as, docs, null, true);
            String id = g.call("POST", "/api/v1/users/me/mcp-credentials", s.t().bobKey(),
                    "{\"server\":\"docs\",\"token\":\"" + first + "\"}").text("id");
            String path = "/api/v1/users/me/mcp-credentials/" + id;
            assertThat(s.upstream().authorization(s.bob(), "docs")).hasValue("Bearer " + first);

            // Kept: a change behind the vault's back (no change notification) is not read by the next call...
            g.vault.database().jdbc().update("UPDATE credentials SET is_active = FALSE WHERE id = ?", id);
            assertThat(s.upstream().authorization(s.bob(), "docs")).as("kept").hasValue("Bearer " + first);
            // ...until the server refuses the token, which has it read again.
            s.upstream().rejected(s.bob(), "docs");
            assertThat(s.upstream().authorization(s.bob(), "docs")).as("read again after the 401").isEmpty();

            // Every change through the vault is seen by the very next call.
            assertThat(g.call("PATCH", path, s.t().bobKey(), "{\"is_active\":true}").status()).isEqualTo(200);
            assertThat(s.upstream().authorization(s.bob(), "docs")).hasValue("Bearer " + first);
            assertThat(g.call("PATCH", path, s.t().bobKey(), "{\"token\":\"" + second + "\"}").status()).isEqualTo(200);
            assertThat(s.upstream().authorization(s.bob(), "docs")).as("rotated").hasValue("Bearer " + second);
            assertThat(s.upstream().authorization(s.ada(), "docs")).as("another user's: none").isEmpty();
            assertThat(g.call("PATCH", path, s.t().bobKey(), "{\"is_active\":false}").status()).isEqualTo(200);
            assertThat(s.upstream().authorization(s.bob(), "docs")).as("deactivated").isEmpty();
            assertThat(g.call("PATCH", path, s.t().bobKey(), "{\"is_active\":true}").status()).isEqualTo(200);
            assertThat(s.upstream().authorization(s.bob(), "docs")).hasValue("Bearer " + second);
            assertThat(g.call("DELETE", path, s.t().bobKey(), null).status()).isEqualTo(204);
            assertThat(s.upstream().authorization(s.bob(), "docs")).as("deleted").isEmpty();
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
        }
        assertThat(logs.list).as("DEBUG and up logged while the tokens were resolved, kept and dropped").isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String logged = event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(logged).doesNotContain(first.substring(4)).doesNotContain(second.substring(4));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAuthorizationServerDiscoveryFindsOnAnInternalAddressIsRefused(TestDatabase db) throws Exception {
        try (var as = FakeAuthorizationServer.start(Clock.systemUTC());
             var docs = new FakeProtectedResource(as.issuer(), as);
             var g = new VaultGateway(db, "http://127.0.0.1:9")) {
            // The server's URL is the operator's (trusted); the authorization server its metadata names is on loopback.
            Setup s = setup(g, as, docs, null, false);
            Response refused = g.call("POST", "/api/v1/mcp/servers/docs/oauth/start", s.t().bobKey(), null);
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.json().at("/error/code").asText()).isEqualTo("oauth_url_refused");
            assertThat(as.registrations()).isZero();
            assertThat(g.call("POST", "/api/v1/mcp/servers/nope/oauth/start", s.t().bobKey(), null).status()).isEqualTo(404);
            assertThat(g.call("POST", "/api/v1/mcp/servers/docs/oauth/start", ADMIN_TOKEN, null).status()).isEqualTo(403);

            // Named by the operator, the same authorization server is trusted.
            McpOAuthSettings operator = new McpOAuthSettings(null, null, null, as.issuer(), null);
            g.mcp(new McpSettings(List.of(new McpServerSettings("docs", docs.url(), operator))), false);
            Response started = g.call("POST", "/api/v1/mcp/servers/docs/oauth/start", s.t().bobKey(), null);
            assertThat(started.status()).as(started.body()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOperatorsConfidentialClientIsUsedWhereTheServerOffersNoRegistration(TestDatabase db) throws Exception {
        try (var as = FakeAuthorizationServer.withoutRegistration(Clock.systemUTC());
             var docs = new FakeProtectedResource(as.issuer(), as);
             var g = new VaultGateway(db, "http://127.0.0.1:9")) {
            Setup s = setup(g, as, docs, null, true);
            Response unregistered = g.call("POST", "/api/v1/mcp/servers/docs/oauth/start", s.t().bobKey(), null);
            assertThat(unregistered.status()).isEqualTo(422);
            assertThat(unregistered.json().at("/error/message").asText()).contains("client_id");

            String secret = "client-" + "SecretSecretSecretSecret01";
            String callback = "http://127.0.0.1:" + g.port() + "/api/v1/mcp/oauth/callback";
            as.preRegister("keyroute-prod", secret, callback);
            g.mcp(new McpSettings(List.of(new McpServerSettings("docs", docs.url(),
                    new McpOAuthSettings("keyroute-prod", secret, List.of("issues:read"), null, callback)))), true);
            Response stored = authorize(s, s.t().bobKey());
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
            assertThat(as.registrations()).isZero();
            assertThat(as.tokenRequestBodies().getFirst()).contains("client_id=keyroute-prod").contains("client_secret=");
            assertThat(as.accepts(currentToken(s), docs.url())).isTrue();
            assertThat(String.join("\n", g.responses)).doesNotContain(secret);
            assertThat(g.storedRows()).noneMatch(r -> r.contains(secret));
        }
    }

    private static String currentToken(Setup s) {
        return s.upstream().authorization(s.bob(), "docs").orElseThrow().substring("Bearer ".length());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
