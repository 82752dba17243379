package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Workspaces and users over real HTTP: list, read, change, deactivate, who may do each (a test per
 * refusal), and that a deactivated workspace's or user's keys fail at once. One SQLite gateway
 * (the store's side runs on both databases in the vault's KeyLifecycleTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspacesAndUsersApiTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private static final String OPENAI_KEY = "sk-proj-" + "WorkspacesWorkspacesWorkspace01";
    private FakeOpenAi upstream;
    private VaultGateway g;

    @BeforeAll
    void start() throws Exception {
        upstream = FakeOpenAi.start(OPENAI_KEY);
        g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl());
    }

    @AfterAll
    void stop() {
        g.close();
        upstream.close();
    }

    private static String ws(String id) {
        return "/api/v1/workspaces/" + id;
    }

    private static String user(String id) {
        return "/api/v1/users/" + id;
    }

    // --- workspaces

    @Test
    void theAdminTokenListsEveryWorkspaceAndAWorkspaceAdminTheirOwn() {
        Team t = Team.create(g);
        Team other = Team.create(g);
        assertThat(g.call("GET", "/api/v1/workspaces", ADMIN, null).json().get("data").findValuesAsText("id"))
                .contains(t.ws(), other.ws());
        Response own = g.call("GET", "/api/v1/workspaces", t.adaKey(), null);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("data")).singleElement().satisfies(w -> {
            assertThat(w.get("id").asText()).isEqualTo(t.ws());
            assertThat(w.get("plan").asText()).isEqualTo("pro");
        });
    }

    @Test
    void aMemberCannotListWorkspaces() {
        assertThat(g.call("GET", "/api/v1/workspaces", Team.create(g).bobKey(), null).status()).isEqualTo(403);
    }

    @Test
    void aWorkspaceIsReadByTheAdminTokenAndItsAdmin() {
        Team t = Team.create(g);
        Response byAdmin = g.call("GET", ws(t.ws()), ADMIN, null);
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name", "plan", "created_at");
        assertThat(g.call("GET", ws(t.ws()), t.adaKey(), null).text("id")).isEqualTo(t.ws());
        assertThat(g.call("GET", ws("ws_nope"), ADMIN, null).status()).isEqualTo(404);
    }

    @Test
    void aMemberCannotReadTheirWorkspace() {
        Team t = Team.create(g);
        assertThat(g.call("GET", ws(t.ws()), t.bobKey(), null).status()).isEqualTo(403);
    }

    @Test
    void aWorkspaceAdminCannotReadAnotherWorkspace() {
        Team t = Team.create(g);
        assertThat(g.call("GET", ws(Team.create(g).ws()), t.adaKey(), null).status()).isEqualTo(403);
    }

    @Test
    void theAdminTokenRenamesAndChangesThePlan() {
        Team t = Team.create(g);
        Response changed = g.call("PATCH", ws(t.ws()), ADMIN, "{\"name\":\"renamed-" + t.ws() + "\",\"plan\":\"free\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.text("name")).isEqualTo("renamed-" + t.ws());
        assertThat(changed.text("plan")).isEqualTo("free");
        assertThat(g.call("GET", ws(t.ws()), ADMIN, null).text("plan")).isEqualTo("free");
        assertThat(g.call("PATCH", ws(t.ws()), ADMIN, "{\"plan\":\"platinum\"}").status()).isEqualTo(422);
        Team other = Team.create(g);
        assertThat(g.call("PATCH", ws(other.ws()), ADMIN, "{\"name\":\"renamed-" + t.ws() + "\"}").status()).isEqualTo(409);
        assertThat(g.call("PATCH", ws("ws_nope"), ADMIN, "{\"plan\":\"free\"}").status()).isEqualTo(404);
    }

    @Test
    void aPlanChangeAppliesToTheWorkspacesKeysAtOnce() {
        Team t = Team.create(g).withOpenAiKey(g, OPENAI_KEY); // stored while the plan allows its own keys
        assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(200); // the key is cached with plan pro
        assertThat(g.call("PATCH", ws(t.ws()), ADMIN, "{\"plan\":\"free\"}").status()).isEqualTo(200);
        // Plan free has no BYOK: the workspace's own credential is not used, and openai has no system key.
        Response refused = g.chat(t.bobKey(), null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("no_credential");
    }

    @Test
    void aWorkspaceAdminCannotChangeTheirWorkspace() {
        Team t = Team.create(g);
        assertThat(g.call("PATCH", ws(t.ws()), t.adaKey(), "{\"plan\":\"free\"}").status()).isEqualTo(403);
        assertThat(g.call("GET", ws(t.ws()), ADMIN, null).text("plan")).isEqualTo("pro");
    }

    @Test
    void aWorkspaceAdminCannotDeactivateTheirWorkspace() {
        Team t = Team.create(g);
        assertThat(g.call("DELETE", ws(t.ws()), t.adaKey(), null).status()).isEqualTo(403);
        assertThat(g.call("GET", ws(t.ws()), ADMIN, null).status()).isEqualTo(200);
    }

    @Test
    void aDeactivatedWorkspacesKeysFailAtOnce() {
        Team t = Team.create(g).withOpenAiKey(g, OPENAI_KEY);
        assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(200); // cached
        assertThat(g.call("DELETE", ws(t.ws()), ADMIN, null).status()).isEqualTo(204);
        assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(401);
        assertThat(g.call("GET", "/api/v1/users/me/keys", t.adaKey(), null).status()).isEqualTo(401);
        assertThat(g.call("GET", ws(t.ws()), ADMIN, null).status()).isEqualTo(404);
        assertThat(g.call("GET", user(t.bob()), ADMIN, null).status()).isEqualTo(404);
        assertThat(g.call("GET", "/api/v1/workspaces", ADMIN, null).json().get("data").findValuesAsText("id"))
                .doesNotContain(t.ws());
        assertThat(g.call("DELETE", ws(t.ws()), ADMIN, null).status()).isEqualTo(404);
    }

    // --- users

    @Test
    void aWorkspacesUsersAreListedForTheAdminTokenAndItsAdmin() {
        Team t = Team.create(g);
        Response users = g.call("GET", ws(t.ws()) + "/users", t.adaKey(), null);
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.json().get("data").findValuesAsText("id")).containsExactly(t.ada(), t.bob());
        assertThat(users.json().get("data").findValuesAsText("role")).containsExactly("admin", "member");
        assertThat(g.call("GET", ws(t.ws()) + "/users", ADMIN, null).json().get("data")).hasSize(2);
    }

    @Test
    void aMemberCannotListTheirWorkspacesUsers() {
        Team t = Team.create(g);
        assertThat(g.call("GET", ws(t.ws()) + "/users", t.bobKey(), null).status()).isEqualTo(403);
    }

    @Test
    void aUserIsReadByTheirWorkspaceAdminAndThemself() {
        Team t = Team.create(g);
        Response byAdmin = g.call("GET", user(t.bob()), t.adaKey(), null);
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "email", "role", "workspace_id", "created_at");
        assertThat(g.call("GET", user(t.bob()), t.bobKey(), null).text("id")).isEqualTo(t.bob());
        assertThat(g.call("GET", user("me"), t.bobKey(), null).text("id")).isEqualTo(t.bob());
        assertThat(g.call("GET", user("usr_nope"), ADMIN, null).status()).isEqualTo(404);
    }

    @Test
    void aMemberCannotReadAnotherUser() {
        Team t = Team.create(g);
        assertThat(g.call("GET", user(t.ada()), t.bobKey(), null).status()).isEqualTo(403);
    }

    @Test
    void anotherWorkspacesAdminCannotReadChangeOrDeactivateAUser() {
        Team t = Team.create(g);
        String outsider = Team.create(g).adaKey();
        assertThat(g.call("GET", user(t.bob()), outsider, null).status()).isEqualTo(403);
        assertThat(g.call("PATCH", user(t.bob()), outsider, "{\"role\":\"admin\"}").status()).isEqualTo(403);
        assertThat(g.call("DELETE", user(t.bob()), outsider, null).status()).isEqualTo(403);
    }

    @Test
    void aWorkspaceAdminChangesARoleAndItAppliesAtOnce() {
        Team t = Team.create(g);
        assertThat(g.call("GET", ws(t.ws()) + "/users", t.bobKey(), null).status()).isEqualTo(403);
        Response promoted = g.call("PATCH", user(t.bob()), t.adaKey(), "{\"role\":\"admin\"}");
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.text("role")).isEqualTo("admin");
        assertThat(g.call("GET", ws(t.ws()) + "/users", t.bobKey(), null).status()).isEqualTo(200);
        assertThat(g.call("PATCH", user(t.bob()), t.adaKey(), "{\"role\":\"owner\"}").status()).isEqualTo(422);
        assertThat(g.call("PATCH", user(t.bob()), t.adaKey(), "{}").status()).isEqualTo(400);
    }

    @Test
    void aMemberCannotChangeTheirOwnRole() {
        Team t = Team.create(g);
        assertThat(g.call("PATCH", user(t.bob()), t.bobKey(), "{\"role\":\"admin\"}").status()).isEqualTo(403);
        assertThat(g.call("GET", user(t.bob()), ADMIN, null).text("role")).isEqualTo("member");
    }

    @Test
    void aMemberCannotDeactivateAnotherUser() {
        Team t = Team.create(g);
        assertThat(g.call("DELETE", user(t.ada()), t.bobKey(), null).status()).isEqualTo(403);
        assertThat(g.call("GET", "/api/v1/users/me/keys", t.adaKey(), null).status()).isEqualTo(200);
    }

    @Test
    void aDeactivatedUsersKeysFailAtOnce() {
        Team t = Team.create(g).withOpenAiKey(g, OPENAI_KEY);
        assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(200); // cached
        assertThat(g.call("DELETE", user(t.bob()), t.adaKey(), null).status()).isEqualTo(204);
        assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(401);
        assertThat(g.call("GET", user(t.bob()), ADMIN, null).status()).isEqualTo(404);
        assertThat(g.call("GET", ws(t.ws()) + "/users", ADMIN, null).json().get("data").findValuesAsText("id"))
                .containsExactly(t.ada());
        assertThat(g.chat(t.adaKey(), null).status()).isEqualTo(200); // the rest of the workspace is unaffected
    }
}
