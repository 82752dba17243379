package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.config.CacheSettings;
import io.keyroute.server.config.ExactCacheSettings;
import io.keyroute.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The cache's scope over real HTTP, for generated tenants asking the same question in turn: an answer is a hit
 * only when a caller of the same workspace (and, per user, the same user) asked it before; a hit never crosses
 * workspaces, nor users when the cache is per user. Callers without a workspace (the admin token, the demo key)
 * share a scope of their own that no workspace's caller reaches.
 */
class CacheScopeProperties {
    private static final List<String> WORKSPACES = java.util.Arrays.asList("ws_1", "ws_2", "ws_3", null);
    private static final List<String> USERS = List.of("u_1", "u_2", "u_3");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static FakeOpenAi upstream;
    private static Gateway perWorkspace;
    private static Gateway perUser;

    record Tenant(String workspace, String user) {
        String token() {
            return "kr-" + ("T" + workspace + "x" + user + "x".repeat(43)).substring(0, 43);
        }
    }

    @BeforeContainer
    static void start() {
        upstream = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        Map<String, Caller> callers = new HashMap<>();
        for (String ws : WORKSPACES) {
            for (String user : USERS) {
                var tenant = new Tenant(ws, user);
                callers.put(TokenHash.of(Secret.of(tenant.token())), new Caller("key_" + ws + user, user, ws, null,
                        Set.of(), false));
            }
        }
        var auth = new StaticTokenAuthenticator(callers);
        var base = TestGateway.config(upstream.baseUrl(), 5_000, 1, java.time.Duration.ofSeconds(30));
        perWorkspace = Gateway.builder(base.withCache(new CacheSettings(new ExactCacheSettings(true, 600L), null)), auth)
                .start();
        perUser = Gateway.builder(base.withCache(new CacheSettings(new ExactCacheSettings(true, 600L, "memory", "user",
                null, null, null, null), null)), auth).start();
    }

    @AfterContainer
    static void stop() {
        perWorkspace.close();
        perUser.close();
        upstream.close();
    }

    @Property(tries = 60)
    void aHitNeverCrossesWorkspaces(@ForAll("tenants") List<Tenant> tenants) throws Exception {
        askInTurn(perWorkspace, tenants, t -> t.workspace() == null ? "-" : t.workspace());
    }

    @Property(tries = 60)
    void perUserAHitNeverCrossesUsers(@ForAll("tenants") List<Tenant> tenants) throws Exception {
        askInTurn(perUser, tenants, t -> t.workspace() + "/" + t.user());
    }

    /** Each tenant asks one fresh question in turn; a hit exactly when its scope asked before. */
    private static void askInTurn(Gateway gateway, List<Tenant> tenants, java.util.function.Function<Tenant, String> scope)
            throws Exception {
        String question = UUID.randomUUID().toString();
        Set<String> asked = new HashSet<>();
        for (Tenant tenant : tenants) {
            HttpResponse<String> answer = ask(gateway, tenant, question);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            String expected = asked.add(scope.apply(tenant)) ? "miss" : "hit";
            assertThat(answer.headers().firstValue("x-keyroute-cache")).as(tenant + " after " + asked)
                    .hasValue(expected);
        }
    }

    private static HttpResponse<String> ask(Gateway gateway, Tenant tenant, String question) throws Exception {
        String body = "{\"model\":\"openai/gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\""
                + question + "\"}]}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + tenant.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Provide
    Arbitrary<List<Tenant>> tenants() {
        return Combinators.combine(Arbitraries.of(WORKSPACES), Arbitraries.of(USERS)).as(Tenant::new)
                .list().ofMinSize(1).ofMaxSize(8);
    }
}
