package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v1/audit} over real HTTP: every management change leaves an event; filters,
 * newest-first paging, and who may read what. (The query itself runs on both databases in the
 * vault's AuditSearchTest.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private FakeOpenAi upstream;
    private VaultGateway g;

    @BeforeAll
    void start() throws Exception {
        upstream = FakeOpenAi.start("sk-proj-" + "AuditAuditAuditAuditAuditAudit01");
        g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl());
    }

    @AfterAll
    void stop() {
        g.close();
        upstream.close();
    }

    private List<JsonNode> events(String query, String token) {
        Response r = g.call("GET", "/api/v1/audit" + query, token, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        r.json().get("data").forEach(rows::add);
        return rows;
    }

    private JsonNode latest(String action, String target) {
        List<JsonNode> found = events("?action=" + action + "&target=" + target + "&limit=1", ADMIN);
        assertThat(found).as(action + " " + target).hasSize(1);
        return found.getFirst();
    }

    @Test
    void everyManagementChangeIsAudited() {
        Team t = Team.create(g);
        assertThat(g.call("PATCH", "/api/v1/keys/" + t.bobKeyId(), t.bobKey(), "{\"rpm\":5}").status()).isEqualTo(200);
        assertThat(latest("key.changed", t.bobKeyId()).get("detail").asText()).isEqualTo("rpm none → 5");
        assertThat(latest("key.changed", t.bobKeyId()).get("actor").asText()).isEqualTo(t.bob());

        g.call("PUT", "/api/v1/users/" + t.bob() + "/budget", t.adaKey(), "{\"period\":\"daily\",\"limit_usd\":2}");
        assertThat(latest("budget.set", t.bob()).get("detail").asText()).isEqualTo("user daily 2.000000 USD");
        g.call("DELETE", "/api/v1/users/" + t.bob() + "/budget", t.adaKey(), null);
        assertThat(latest("budget.deleted", t.bob()).get("actor").asText()).isEqualTo(t.ada());

        g.call("PATCH", "/api/v1/users/" + t.bob(), t.adaKey(), "{\"role\":\"admin\"}");
        assertThat(latest("user.changed", t.bob()).get("detail").asText()).isEqualTo("role member → admin");
        g.call("DELETE", "/api/v1/users/" + t.bob(), t.adaKey(), null);
        assertThat(latest("user.deactivated", t.bob()).get("workspace_id").asText()).isEqualTo(t.ws());

        g.call("DELETE", "/api/v1/keys/" + t.adaKeyId(), ADMIN, null);
        assertThat(latest("key.revoked", t.adaKeyId()).get("actor").asText()).isEqualTo("admin");

        g.call("PATCH", "/api/v1/workspaces/" + t.ws(), ADMIN, "{\"plan\":\"free\"}");
        assertThat(latest("workspace.changed", t.ws()).get("detail").asText()).isEqualTo("plan pro → free");
        g.call("DELETE", "/api/v1/workspaces/" + t.ws(), ADMIN, null);
        assertThat(latest("workspace.deactivated", t.ws()).get("actor").asText()).isEqualTo("admin");
    }

    @Test
    void eventsPageNewestFirst() {
        Team t = Team.create(g);
        for (int i = 0; i < 5; i++) {
            g.call("PATCH", "/api/v1/keys/" + t.bobKeyId(), ADMIN, "{\"rpm\":" + (i + 1) + "}");
        }
        String query = "?action=key.changed&target=" + t.bobKeyId() + "&limit=2";
        Response first = g.call("GET", "/api/v1/audit" + query, ADMIN, null);
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        List<String> details = new ArrayList<>(first.json().get("data").findValuesAsText("detail"));
        String before = first.json().at("/data/1/id").asText();
        Response second = g.call("GET", "/api/v1/audit" + query + "&before=" + before, ADMIN, null);
        details.addAll(second.json().get("data").findValuesAsText("detail"));
        assertThat(details).containsExactly("rpm 4 → 5", "rpm 3 → 4", "rpm 2 → 3", "rpm 1 → 2");
        assertThat(events("?actor=admin&action=key.changed&target=" + t.bobKeyId(), ADMIN)).hasSize(5);
        assertThat(events("?actor=" + t.bob() + "&action=key.changed&target=" + t.bobKeyId(), ADMIN)).isEmpty();
        assertThat(events("?to=2000-01-01&target=" + t.bobKeyId(), ADMIN)).isEmpty();
        assertThat(g.call("GET", "/api/v1/audit?before=evt_nope", ADMIN, null).status()).isEqualTo(400);
    }

    @Test
    void aWorkspaceAdminReadsTheirWorkspacesEventsOnly() {
        Team t = Team.create(g);
        Team other = Team.create(g);
        List<JsonNode> own = events("?limit=1000", t.adaKey());
        assertThat(own).isNotEmpty().allSatisfy(e -> assertThat(e.get("workspace_id").asText()).isEqualTo(t.ws()));
        assertThat(own).extracting(e -> e.get("target").asText()).contains(t.ws(), t.bob(), t.bobKeyId())
                .doesNotContain(other.ws(), other.bob());
        // A filter cannot reach past the workspace.
        assertThat(events("?target=" + other.bobKeyId(), t.adaKey())).isEmpty();
    }

    @Test
    void aMemberCannotReadTheAuditTrail() {
        assertThat(g.call("GET", "/api/v1/audit", Team.create(g).bobKey(), null).status()).isEqualTo(403);
    }
}
