package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.auth.VaultAuthenticator;
import io.keyroute.server.boot.Boot;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.Vault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Run-time config kept in the database (issue 27 item 3), through the real composition root: replicas
 * are {@link Boot}s in this JVM over one database (an SQLite file, and PostgreSQL when configured),
 * each with its own data directory, the same master key and the same config file.
 */
class LiveConfigTest {
    private static final String ADMIN = "kr-admin-" + "LiveLiveLiveLiveLiveLiveLiveLiveLiveLive1";
    private static final String UPSTREAM_KEY = "sk-proj-" + "LiveConfigUpstreamKey0123456789abcdWXYZ";
    private static final String ROUTES_IN_DATABASE = """
            routes:
              - name: chat
                strategy: fallback
                candidates: [openai/gpt-4.1]
            """;

    private static final ServerSettings ANY_PORT = new ServerSettings("127.0.0.1", 0, null, null, null, null, null, null,
            null, null, null, null, null);

    @TempDir
    Path dir;
    private final List<Boot> boots = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path file;
    private ConfigLoader loader;
    private Map<String, String> env;

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @AfterEach
    void stop() {
        boots.forEach(Boot::close);
        http.close();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSectionPutOnOneReplicaIsInEffectOnTheOtherWithinOneSecondAndAtTheNextStart(TestDatabase db) throws Exception {
        Gateway a = replicas(db, "a");
        Gateway b = start("b");
        assertThat(candidates(b)).containsExactly("openai/gpt-4o-mini");

        var put = call(a, "PUT", "/api/v1/config/routes", ADMIN, body(ROUTES_IN_DATABASE, 0), Map.of());
        long stored = System.nanoTime();
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(candidates(a)).as("applied on the replica that took the edit before it answers")
                .containsExactly("openai/gpt-4.1");

        long deadline = stored + TimeUnit.SECONDS.toNanos(1);
        while (!candidates(b).equals(List.of("openai/gpt-4.1")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stored);
        System.out.printf("[live-config] %s: a PUT on one replica ran on the other %d ms after it was answered%n", db, tookMs);
        assertThat(candidates(b)).as("on the other replica within 1 s (took %d ms)", tookMs)
                .containsExactly("openai/gpt-4.1");
        assertThat(candidates(start("c"))).as("a replica started later starts with it").containsExactly("openai/gpt-4.1");
        assertThat(b.runtime().config().aliases()).as("the other sections stay the file's").containsEntry("fast", "chat");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStoredSectionReplacesTheFilesWholeAndDeletingItBringsTheFilesBack(TestDatabase db) throws Exception {
        Gateway a = replicas(db, "a");
        JsonNode before = json(call(a, "GET", "/api/v1/config/aliases", ADMIN, null, Map.of()));
        assertThat(before.get("source").asText()).isEqualTo("file");
        assertThat(before.get("version").asLong()).isZero();
        assertThat(before.at("/effective/fast").asText()).isEqualTo("chat");

        var put = call(a, "PUT", "/api/v1/config/aliases", ADMIN, body("aliases: { quick: chat }\n", null),
                Map.of("If-Match", "\"0\""));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode stored = json(put);
        assertThat(stored.get("source").asText()).isEqualTo("database");
        assertThat(stored.get("content").asText()).isEqualTo("aliases: { quick: chat }\n");
        assertThat(stored.get("effective")).as("whole section: the file's 'fast' is gone")
                .isEqualTo(Json.MAPPER.readTree("{\"quick\":\"chat\"}"));
        assertThat(put.headers().firstValue("ETag")).contains("\"" + stored.get("version").asLong() + "\"");
        assertThat(a.runtime().config().aliases()).containsExactly(Map.entry("quick", "chat"));

        var delete = call(a, "DELETE", "/api/v1/config/aliases", ADMIN, null,
                Map.of("If-Match", "\"" + stored.get("version").asLong() + "\""));
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(200);
        assertThat(json(delete).get("source").asText()).isEqualTo("file");
        assertThat(a.runtime().config().aliases()).containsExactly(Map.entry("fast", "chat"));

        List<String> audited = auditActions(a);
        assertThat(audited).contains("config.section.updated aliases", "config.section.deleted aliases");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deletingASectionThatIsNotStoredIsNotFoundAndChangesNothing(TestDatabase db) throws Exception {
        Gateway a = replicas(db, "a");
        long revision = json(call(a, "GET", "/api/v1/config", ADMIN, null, Map.of())).get("revision").asLong();

        var never = call(a, "DELETE", "/api/v1/config/aliases?version=0", ADMIN, null, Map.of());
        assertThat(never.statusCode()).as(never.body()).isEqualTo(404);
        assertThat(json(never).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(json(never).at("/error/message").asText()).contains("'aliases'");

        var put = call(a, "PUT", "/api/v1/config/aliases", ADMIN, body("aliases: { quick: chat }\n", 0), Map.of());
        String version = "\"" + json(put).get("version").asLong() + "\"";
        assertThat(call(a, "DELETE", "/api/v1/config/aliases", ADMIN, null, Map.of("If-Match", version)).statusCode())
                .isEqualTo(200);
        var again = call(a, "DELETE", "/api/v1/config/aliases", ADMIN, null, Map.of("If-Match", version));
        assertThat(again.statusCode()).as("deleted already: " + again.body()).isEqualTo(404);

        assertThat(json(call(a, "GET", "/api/v1/config", ADMIN, null, Map.of())).get("revision").asLong())
                .as("only the PUT and the one DELETE moved the revision").isEqualTo(revision + 2);
        assertThat(auditActions(a)).containsOnlyOnce("config.section.deleted aliases");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anInvalidEditIsRefusedWithTheValidatorsMessageAndNothingIsStored(TestDatabase db) throws Exception {
        Gateway a = replicas(db, "a");
        var unknownProvider = call(a, "PUT", "/api/v1/config/routes", ADMIN,
                body("routes: [ { name: chat, strategy: fallback, candidates: [nowhere/gpt-4.1] } ]", 0), Map.of());
        assertThat(unknownProvider.statusCode()).isEqualTo(422);
        assertThat(json(unknownProvider).at("/error/code").asText()).isEqualTo("invalid_config");
        assertThat(json(unknownProvider).at("/error/message").asText()).contains("routes[0]", "nowhere");

        var otherKey = call(a, "PUT", "/api/v1/config/routes", ADMIN, body("aliases: { x: chat }", 0), Map.of());
        assertThat(otherKey.statusCode()).isEqualTo(422);
        assertThat(json(otherKey).at("/error/message").asText()).contains("exactly one top-level key, 'routes:'");

        var literalKey = call(a, "PUT", "/api/v1/config/providers", ADMIN, body("""
                providers:
                  - { id: openai, type: openai, base_url: "http://127.0.0.1:9/v1", api_key: "%s" }
                """.formatted(UPSTREAM_KEY), 0), Map.of());
        assertThat(literalKey.statusCode()).isEqualTo(422);
        assertThat(literalKey.body()).contains("providers[0].api_key", "a secret is not kept in the database")
                .doesNotContain(UPSTREAM_KEY);

        var bootstrap = call(a, "PUT", "/api/v1/config/database", ADMIN, body("database: { url: x }", 0), Map.of());
        assertThat(bootstrap.statusCode()).isEqualTo(404);

        JsonNode routes = json(call(a, "GET", "/api/v1/config/routes", ADMIN, null, Map.of()));
        assertThat(routes.get("source").asText()).isEqualTo("file");
        assertThat(candidates(a)).containsExactly("openai/gpt-4o-mini");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twoAdminsEditingTheSameVersionDoNotOverwriteEachOther(TestDatabase db) throws Exception {
        Gateway a = replicas(db, "a");
        Gateway b = start("b");
        var first = call(a, "PUT", "/api/v1/config/aliases", ADMIN, body("aliases: { one: chat }", 0), Map.of());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        long version = json(first).get("version").asLong();

        var second = call(b, "PUT", "/api/v1/config/aliases", ADMIN, body("aliases: { two: chat }", 0), Map.of());
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).at("/error/code").asText()).isEqualTo("conflict");

        var stale = call(b, "PUT", "/api/v1/config/aliases", ADMIN, body("aliases: { two: chat }", null),
                Map.of("If-Match", "\"" + (version - 1) + "\""));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).at("/error/message").asText()).contains("version " + version);

        var unsaid = call(b, "PUT", "/api/v1/config/aliases", ADMIN, body("aliases: { two: chat }", null), Map.of());
        assertThat(unsaid.statusCode()).isEqualTo(400);

        var current = call(b, "PUT", "/api/v1/config/aliases", ADMIN, body("aliases: { two: chat }", version), Map.of());
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        assertThat(json(current).get("version").asLong()).isGreaterThan(version);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyTheAdminTokenSeesOrChangesConfigAndNoSecretIsShown(TestDatabase db) throws Exception {
        Gateway a = replicas(db, "a");
        String workspace = id(call(a, "POST", "/api/v1/workspaces", ADMIN, "{\"name\":\"ops\",\"plan\":\"pro\"}", Map.of()));
        String user = id(call(a, "POST", "/api/v1/workspaces/" + workspace + "/users", ADMIN,
                "{\"email\":\"ops@example.com\",\"role\":\"admin\"}", Map.of()));
        String key = json(call(a, "POST", "/api/v1/users/" + user + "/keys", ADMIN, "{\"name\":\"k\"}", Map.of()))
                .get("key").asText();

        assertThat(call(a, "GET", "/api/v1/config", key, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(call(a, "PUT", "/api/v1/config/aliases", key, body("aliases: { x: chat }", 0), Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(call(a, "DELETE", "/api/v1/config/aliases?version=0", key, null, Map.of()).statusCode()).isEqualTo(403);

        var all = call(a, "GET", "/api/v1/config", ADMIN, null, Map.of());
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).doesNotContain(UPSTREAM_KEY).doesNotContain(UPSTREAM_KEY.substring(8, 30));
        JsonNode openai = null;
        for (JsonNode section : json(all).get("sections")) {
            if (section.get("section").asText().equals("providers")) {
                for (JsonNode provider : section.get("effective")) {
                    openai = provider.get("id").asText().equals("openai") ? provider : openai;
                }
            }
        }
        assertThat(openai).isNotNull();
        assertThat(openai.get("api_key").asText()).isEqualTo("***");
        var providers = call(a, "GET", "/api/v1/config/providers", ADMIN, null, Map.of());
        assertThat(providers.body()).doesNotContain(UPSTREAM_KEY);
    }

    /** The first replica, over {@code db}, with the file every replica reads. */
    private Gateway replicas(TestDatabase db, String name) throws Exception {
        // Two SQLite replicas in one directory would share a usage journal: a file: URL keeps each one's in its data directory.
        String url = db.url().startsWith("jdbc:sqlite:/") ? db.url().replace("jdbc:sqlite:", "jdbc:sqlite:file:") : db.url();
        file = dir.resolve("keyroute.yaml");
        Files.writeString(file, """
                database: { url: "%s" }
                security: { allow_private_base_urls: true }
                providers:
                  - { id: openai, type: openai, base_url: "http://127.0.0.1:9/v1", api_key: "${UPSTREAM_KEY}" }
                routes:
                  - { name: chat, strategy: fallback, candidates: [openai/gpt-4o-mini] }
                aliases: { fast: chat }
                plans: { pro: { byok: true } }
                """.formatted(url));
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        env = Map.of("KEYROUTE_MASTER_KEY", Base64.getEncoder().encodeToString(master), "UPSTREAM_KEY", UPSTREAM_KEY);
        loader = new ConfigLoader(env);
        return start(name);
    }

    /** Another replica: what {@code keyroute serve} composes, on its own data directory and a port of its own. */
    private Gateway start(String name) {
        UnaryOperator<KeyrouteConfig> onAnyPort = config -> config.withServer(ANY_PORT);
        var boot = new Boot(onAnyPort.apply(loader.load(file)), env, dir.resolve(name), new KeyrouteKeys(new SecureRandom()),
                Clock.systemUTC());
        boots.add(boot);
        Vault vault = boot.vault();
        boot.liveConfig(vault, loader, () -> loader.load(file), onAnyPort);
        return boot.serve(vault, new VaultAuthenticator(vault.keys(), TokenHash.of(Secret.of(ADMIN))));
    }

    private static List<String> candidates(Gateway gateway) {
        return gateway.runtime().config().routes().getFirst().candidates();
    }

    private static String body(String content, Object version) {
        var body = Json.MAPPER.createObjectNode().put("content", content);
        if (version != null) {
            body.put("version", ((Number) version).longValue());
        }
        return body.toString();
    }

    private HttpResponse<String> call(Gateway gateway, String method, String path, String token, String body,
                                      Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> auditActions(Gateway gateway) throws Exception {
        List<String> actions = new ArrayList<>();
        for (JsonNode event : json(call(gateway, "GET", "/api/v1/audit?limit=100", ADMIN, null, Map.of())).get("data")) {
            actions.add(event.get("action").asText() + " " + event.get("target").asText());
        }
        return actions.reversed(); // newest first in the API
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    private static String id(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return json(response).get("id").asText();
    }
}
