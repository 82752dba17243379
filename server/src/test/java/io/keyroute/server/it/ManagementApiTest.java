package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The management API over real HTTP, on SQLite and PostgreSQL: every endpoint's happy path and error statuses. */
class ManagementApiTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    static final String ADA_KEY = "sk-proj-" + "AdaAdaAdaAdaAdaAdaAdaAdaAda0001";
    static final String ADA_KEY_2 = "sk-proj-" + "AdaAdaAdaAdaAdaAdaAdaAdaAda0002";

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    /** A workspace with an admin (ada) and a member (bob), each with a Keyroute key. */
    record Tenancy(String ws, String ada, String adaKey, String bob, String bobKey) {
        static Tenancy create(VaultGateway g) {
            Response ws = g.call("POST", "/api/v1/workspaces", ADMIN, "{\"name\":\"acme\",\"plan\":\"pro\"}");
            assertThat(ws.status()).isEqualTo(201);
            String wsId = ws.text("id");
            String ada = g.call("POST", "/api/v1/workspaces/" + wsId + "/users", ADMIN,
                    "{\"email\":\"ada@example.com\",\"role\":\"admin\"}").text("id");
            String adaKey = g.call("POST", "/api/v1/users/" + ada + "/keys", ADMIN, "{\"name\":\"ada\"}").text("key");
            Response bob = g.call("POST", "/api/v1/workspaces/" + wsId + "/users", adaKey,
                    "{\"email\":\"bob@example.com\",\"role\":\"member\"}");
            assertThat(bob.status()).as(bob.body()).isEqualTo(201);
            String bobKey = g.call("POST", "/api/v1/users/" + bob.text("id") + "/keys", ADMIN, "{\"name\":\"bob\"}").text("key");
            return new Tenancy(wsId, ada, adaKey, bob.text("id"), bobKey);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void workspacesUsersAndKeys(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.start(ADA_KEY); var g = new VaultGateway(db, upstream.baseUrl())) {
            Response ready = g.call("GET", "/ready", null, null);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().at("/checks/database").asText()).isEqualTo("ok");
            Response ws = g.call("POST", "/api/v1/workspaces", ADMIN, "{\"name\":\"acme\",\"plan\":\"pro\"}");
            assertThat(ws.status()).isEqualTo(201);
            assertThat(ws.json().fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name", "plan", "created_at");
            assertThat(ws.text("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(g.call("POST", "/api/v1/workspaces", ADMIN, "{\"name\":\"acme\",\"plan\":\"pro\"}").status()).isEqualTo(409);
            assertThat(g.call("POST", "/api/v1/workspaces", ADMIN, "{\"name\":\"x\"}").status()).isEqualTo(422);
            assertThat(g.call("POST", "/api/v1/workspaces", ADMIN, "not json").status()).isEqualTo(400);
            assertThat(g.call("POST", "/api/v1/workspaces", null, "{}").status()).isEqualTo(401);
            assertThat(g.call("POST", "/api/v1/workspaces", "kr-nope", "{}").status()).isEqualTo(401);
            String wsId = ws.text("id");

            Response ada = g.call("POST", "/api/v1/workspaces/" + wsId + "/users", ADMIN, "{\"email\":\"ada@example.com\",\"role\":\"admin\"}");
            assertThat(ada.status()).isEqualTo(201);
            assertThat(ada.text("role")).isEqualTo("admin");
            assertThat(g.call("POST", "/api/v1/workspaces/ws_nope/users", ADMIN, "{\"email\":\"z@example.com\"}").status()).isEqualTo(404);
            assertThat(g.call("POST", "/api/v1/workspaces/" + wsId + "/users", ADMIN, "{\"email\":\"ada@example.com\"}").status()).isEqualTo(409);
            assertThat(g.call("POST", "/api/v1/workspaces/" + wsId + "/users", ADMIN, "{\"email\":\"nope\"}").status()).isEqualTo(422);

            Response issued = g.call("POST", "/api/v1/users/" + ada.text("id") + "/keys", ADMIN,
                    "{\"name\":\"laptop\",\"rpm\":60,\"tpm\":1000,\"budget_usd\":2.5,\"models\":[\"openai/gpt-4o-mini\"]}");
            assertThat(issued.status()).isEqualTo(201);
            String adaKey = issued.text("key");
            assertThat(adaKey).matches("kr-[0-9A-Za-z]{43}");
            assertThat(issued.text("masked")).isEqualTo("kr-…" + adaKey.substring(adaKey.length() - 4));
            assertThat(issued.json().get("rpm").asInt()).isEqualTo(60);
            assertThat(issued.json().get("budget_usd").asDouble()).isEqualTo(2.5);
            assertThat(issued.json().get("models").get(0).asText()).isEqualTo("openai/gpt-4o-mini");
            assertThat(g.call("POST", "/api/v1/users/" + ada.text("id") + "/keys", ADMIN, "{\"name\":\"x\",\"rpm\":-1}").status()).isEqualTo(422);

            // A workspace admin adds a member; the member cannot add users or create workspaces.
            Response bob = g.call("POST", "/api/v1/workspaces/" + wsId + "/users", adaKey, "{\"email\":\"bob@example.com\"}");
            assertThat(bob.status()).isEqualTo(201);
            assertThat(bob.text("role")).isEqualTo("member");
            String bobKey = g.call("POST", "/api/v1/users/" + bob.text("id") + "/keys", ADMIN, "{\"name\":\"bob\"}").text("key");
            assertThat(g.call("POST", "/api/v1/workspaces/" + wsId + "/users", bobKey, "{\"email\":\"c@example.com\"}").status()).isEqualTo(403);
            assertThat(g.call("POST", "/api/v1/workspaces", adaKey, "{\"name\":\"b\",\"plan\":\"pro\"}").status()).isEqualTo(403);
            assertThat(g.call("POST", "/api/v1/users/" + ada.text("id") + "/keys", bobKey, "{\"name\":\"steal\"}").status()).isEqualTo(404);

            Response mine = g.call("GET", "/api/v1/users/me/keys", adaKey, null);
            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.json().get("data")).hasSize(1);
            assertThat(mine.body()).doesNotContain(adaKey).contains(issued.text("masked"));
            assertThat(g.call("GET", "/api/v1/users/me/keys", ADMIN, null).status()).isEqualTo(403);

            // Revocation: bob cannot revoke ada's key; ada can, and it fails at once.
            String adaKeyId = issued.text("id");
            assertThat(g.call("DELETE", "/api/v1/keys/" + adaKeyId, bobKey, null).status()).isEqualTo(404);
            String spare = g.call("POST", "/api/v1/users/me/keys", adaKey, "{\"name\":\"spare\"}").text("key");
            assertThat(g.call("DELETE", "/api/v1/keys/" + adaKeyId, spare, null).status()).isEqualTo(204);
            assertThat(g.call("GET", "/api/v1/users/me/keys", adaKey, null).status()).isEqualTo(401);
            assertThat(g.call("DELETE", "/api/v1/keys/" + adaKeyId, ADMIN, null).status()).isEqualTo(404);

            Response audit = g.call("GET", "/api/v1/audit?from=2000-01-01&to=2999-12-31", ADMIN, null);
            assertThat(audit.status()).isEqualTo(200);
            assertThat(audit.json().get("data").findValuesAsText("action"))
                    .contains("workspace.created", "user.created", "key.issued", "key.revoked");
            assertThat(g.call("GET", "/api/v1/audit", bobKey, null).status()).isEqualTo(403); // a member
            assertThat(g.call("GET", "/api/v1/audit?from=yesterday", ADMIN, null).status()).isEqualTo(400);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void credentialsLifecycleAndIsolation(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.start(ADA_KEY, ADA_KEY_2); var g = new VaultGateway(db, upstream.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            String base = "/api/v1/users/me/llm-credentials";
            Response created = g.call("POST", base, t.adaKey(), "{\"provider\":\"openai\",\"api_key\":\"" + ADA_KEY + "\",\"name\":\"main\"}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().fieldNames()).toIterable().containsExactlyInAnyOrder("id", "provider", "name",
                    "masked_key", "base_url", "is_default", "is_active", "version", "created_at", "updated_at",
                    "validated_at", "last_error");
            assertThat(created.text("masked_key")).isEqualTo("sk-…0001");
            assertThat(created.json().get("is_default").asBoolean()).isTrue();
            assertThat(created.body()).doesNotContain(ADA_KEY);
            String id = created.text("id");

            assertThat(g.call("POST", base, t.adaKey(), "{\"provider\":\"openai\",\"api_key\":\"" + ADA_KEY_2 + "\",\"name\":\"main\"}").status()).isEqualTo(409);
            assertThat(g.call("POST", base, t.adaKey(), "{\"provider\":\"nope\",\"api_key\":\"" + ADA_KEY_2 + "\"}").status()).isEqualTo(422);
            Response badFormat = g.call("POST", base, t.adaKey(), "{\"provider\":\"openai\",\"api_key\":\"AIzaSyNotAnOpenAiKey000000\"}");
            assertThat(badFormat.status()).isEqualTo(422);
            assertThat(badFormat.json().at("/error/message").asText()).contains("sk-");
            assertThat(g.call("POST", base, t.adaKey(), "{\"provider\":\"openai\"}").status()).isEqualTo(400);

            assertThat(g.call("GET", base, t.adaKey(), null).json().get("data")).hasSize(1);
            assertThat(g.call("GET", base + "/" + id, t.adaKey(), null).text("name")).isEqualTo("main");

            Response validated = g.call("POST", base + "/" + id + "/validate", t.adaKey(), null);
            assertThat(validated.status()).isEqualTo(200);
            assertThat(validated.text("validated_at")).isNotNull();
            assertThat(validated.json().get("last_error").isNull()).isTrue();

            Response rotated = g.call("PATCH", base + "/" + id, t.adaKey(), "{\"api_key\":\"" + ADA_KEY_2 + "\"}");
            assertThat(rotated.status()).isEqualTo(200);
            assertThat(rotated.json().get("version").asInt()).isEqualTo(2);
            assertThat(rotated.text("masked_key")).isEqualTo("sk-…0002");
            assertThat(rotated.json().get("validated_at").isNull()).isTrue();

            Response wrong = g.call("PATCH", base + "/" + id, t.adaKey(), "{\"api_key\":\"sk-proj-RevokedRevokedRevoked9999\"}");
            assertThat(wrong.status()).isEqualTo(200);
            Response failed = g.call("POST", base + "/" + id + "/validate", t.adaKey(), null);
            assertThat(failed.text("last_error")).startsWith("HTTP 401 from openai").doesNotContain("RevokedRevoked");

            Response deactivated = g.call("PATCH", base + "/" + id, t.adaKey(), "{\"is_active\":false,\"name\":\"old\"}");
            assertThat(deactivated.json().get("is_active").asBoolean()).isFalse();
            assertThat(deactivated.text("name")).isEqualTo("old");

            // Bob sees none of it: 404 on every verb.
            for (String[] call : new String[][] {{"GET", ""}, {"PATCH", ""}, {"DELETE", ""}, {"POST", "/validate"}}) {
                Response r = g.call(call[0], base + "/" + id + call[1], t.bobKey(), call[0].equals("PATCH") ? "{\"name\":\"x\"}" : null);
                assertThat(r.status()).as(call[0] + call[1]).isEqualTo(404);
            }
            assertThat(g.call("GET", base, t.bobKey(), null).json().get("data")).isEmpty();

            assertThat(g.call("DELETE", base + "/" + id, t.adaKey(), null).status()).isEqualTo(204);
            for (String[] call : new String[][] {{"GET", ""}, {"PATCH", ""}, {"DELETE", ""}, {"POST", "/validate"}}) {
                Response r = g.call(call[0], base + "/" + id + call[1], t.adaKey(), call[0].equals("PATCH") ? "{\"name\":\"x\"}" : null);
                assertThat(r.status()).as("deleted " + call[0] + call[1]).isEqualTo(404);
            }

            // Workspace credentials: the workspace admin only.
            String wsBase = "/api/v1/workspaces/" + t.ws() + "/llm-credentials";
            Response shared = g.call("POST", wsBase, t.adaKey(), "{\"provider\":\"openai\",\"api_key\":\"" + ADA_KEY + "\"}");
            assertThat(shared.status()).isEqualTo(201);
            assertThat(g.call("POST", wsBase, t.bobKey(), "{\"provider\":\"openai\",\"api_key\":\"" + ADA_KEY + "\"}").status()).isEqualTo(403);
            assertThat(g.call("GET", wsBase, ADMIN, null).json().get("data")).hasSize(1);
            assertThat(g.call("POST", "/api/v1/users/me/llm-credentials", ADMIN, "{}").status()).isEqualTo(403);

            // A plan without BYOK stores no provider keys.
            String freeWs = g.call("POST", "/api/v1/workspaces", ADMIN, "{\"name\":\"cheap\",\"plan\":\"free\"}").text("id");
            String carl = g.call("POST", "/api/v1/workspaces/" + freeWs + "/users", ADMIN, "{\"email\":\"carl@example.com\"}").text("id");
            String carlKey = g.call("POST", "/api/v1/users/" + carl + "/keys", ADMIN, "{\"name\":\"c\"}").text("key");
            Response noByok = g.call("POST", base, carlKey, "{\"provider\":\"openai\",\"api_key\":\"" + ADA_KEY + "\"}");
            assertThat(noByok.status()).isEqualTo(403);
            assertThat(noByok.json().at("/error/message").asText()).contains("free");

            Response audit = g.call("GET", "/api/v1/audit", ADMIN, null);
            assertThat(audit.json().get("data").findValuesAsText("action")).contains("credential.created",
                    "credential.validated", "credential.rotated", "credential.deactivated", "credential.deleted");
        }
    }
}
