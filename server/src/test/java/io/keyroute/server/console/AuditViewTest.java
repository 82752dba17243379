package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.it.VaultGateway.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Audit in a real Chromium: filtered by the API, paged with `Load more`, a workspace admin's own workspace only. */
class AuditViewTest extends ManagementViewTest {
    @BeforeAll
    static void seed() {
        // 60 budget changes: more than a page of one action
        for (int i = 1; i <= 60; i++) {
            Response set = fixture.gateway().call("PUT", "/api/v1/users/" + fixture.memberId() + "/budget",
                    fixture.workspaceAdminKey(), "{\"period\":\"monthly\",\"limit_usd\":" + i + "}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
        }
    }

    private static List<JsonNode> audit(String token, String query) {
        Response r = fixture.gateway().call("GET", "/api/v1/audit?limit=1000" + query, token, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        r.json().get("data").forEach(events::add);
        return events;
    }

    private static List<Map<String, String>> shown() {
        return ViewSteps.rows(browser, "main");
    }

    @Test
    void theAdminFiltersByActionAndLoadsTheOlderPage() {
        openAs(fixture.adminToken(), "Audit");
        browser.byLabel("Action").sendKeys("budget.set");
        browser.button("Filter").click();
        browser.waitFor(() -> browser.url().endsWith("#/audit?action=budget.set"));
        browser.waitIdle();
        List<JsonNode> api = audit(fixture.adminToken(), "&action=budget.set");
        assertThat(api).hasSize(60);
        assertThat(shown()).hasSize(50).allSatisfy(r -> assertThat(r).containsEntry("Action", "budget.set"));
        assertThat(api.getFirst().get("actor").asText()).isEqualTo(fixture.workspaceAdminId());
        assertThat(shown().getFirst()).containsEntry("Detail", api.getFirst().get("detail").asText())
                .containsEntry("Actor", "ada@acme.test").containsEntry("Target", "max@acme.test")
                .containsEntry("Workspace", "acme");
        browser.screenshot("audit");

        browser.button("Load more").click();
        browser.waitFor(() -> shown().size() == 60);
        assertThat(shown()).extracting(r -> r.get("Detail")).containsExactlyElementsOf(
                api.stream().map(e -> e.get("detail").asText()).toList());
    }

    @Test
    void aWorkspaceAdminSeesTheirWorkspacesEventsAndFiltersByActor() {
        openAs(fixture.workspaceAdminKey(), "Audit");
        assertThat(shown()).isNotEmpty().allSatisfy(r -> assertThat(r).containsEntry("Workspace", "acme"));

        browser.byLabel("Actor").sendKeys("ada@acme.test"); // the page asks the API for her id
        browser.byLabel("Action").sendKeys("user.created");
        browser.button("Filter").click();
        browser.waitFor(() -> browser.url().contains("actor=" + fixture.workspaceAdminId()));
        browser.waitIdle();
        List<JsonNode> api = audit(fixture.workspaceAdminKey(), "&actor=" + fixture.workspaceAdminId() + "&action=user.created");
        assertThat(api).isNotEmpty();
        assertThat(api).extracting(e -> e.get("target").asText()).containsExactly(fixture.memberId());
        assertThat(shown()).extracting(r -> r.get("Target")).containsExactly("max@acme.test");
        assertThat(browser.byLabel("Actor").getAttribute("value")).isEqualTo("ada@acme.test");
    }
}
