package io.keyroute.server.console;

import static io.keyroute.server.console.ViewSteps.buttons;
import static io.keyroute.server.console.ViewSteps.cancel;
import static io.keyroute.server.console.ViewSteps.confirm;
import static io.keyroute.server.console.ViewSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The Workspaces view in a real browser: what the admin token does there happens through the API. */
class WorkspacesViewTest extends ManagementViewTest {
    private static final String WORKSPACES = "/api/v1/workspaces";

    @Test
    void theAdminCreatesRenamesReplansAndDeactivatesAWorkspaceWhoseKeysThenStopWorking() {
        openAs(fixture.adminToken(), "Workspaces");
        submit(browser, "Create workspace", "Create", "Created workspace globex.",
                "Name", "globex", "Plan", "trial");
        JsonNode created = listed(fixture.adminToken(), WORKSPACES, "name", "globex").orElseThrow();
        assertThat(created.path("plan").asText()).isEqualTo("trial");
        String id = created.path("id").asText();

        submit(browser, "Edit globex", "Save", "Saved workspace globex corp (plan pro).",
                "Name", "globex corp", "Plan", "pro");
        JsonNode changed = admin("GET", WORKSPACES + "/" + id, null).json();
        assertThat(changed.path("name").asText()).isEqualTo("globex corp");
        assertThat(changed.path("plan").asText()).isEqualTo("pro");

        String user = created(admin("POST", WORKSPACES + "/" + id + "/users",
                "{\"email\":\"hank@globex.test\",\"role\":\"member\"}")).text("id");
        String key = created(admin("POST", "/api/v1/users/" + user + "/keys", "{\"name\":\"hank\"}")).text("key");
        assertThat(call(key, "GET", "/api/v1/me", null).status()).isEqualTo(200);
        browser.screenshot("workspaces");

        browser.button("Deactivate globex corp").click();
        cancel(browser);
        assertThat(admin("GET", WORKSPACES + "/" + id, null).status()).as("cancelled").isEqualTo(200);

        browser.button("Deactivate globex corp").click();
        confirm(browser, "Deactivate workspace");
        browser.waitForText("Deactivated workspace globex corp.");
        assertThat(admin("GET", WORKSPACES + "/" + id, null).status()).isEqualTo(404);
        assertThat(call(key, "GET", "/api/v1/me", null).status()).isEqualTo(401);
        assertThat(buttons(browser)).doesNotContain("Edit globex corp").contains("Edit acme");
    }

    @Test
    void aRefusedCreationShowsTheApisMessageAndCreatesNothing() {
        openAs(fixture.adminToken(), "Workspaces");
        submit(browser, "Create workspace", "Create", "a workspace named 'acme' already exists.",
                "Name", "acme", "Plan", "pro");
        assertThat(call(fixture.adminToken(), "GET", WORKSPACES, null).json().path("data").findValuesAsText("name"))
                .containsOnlyOnce("acme");
    }

    @Test
    void aWorkspacesUsersAreOneLinkAway() {
        openAs(fixture.adminToken(), "Workspaces");
        browser.script("document.querySelector('a[aria-label=\"Users of acme\"]').click();");
        browser.waitForText("Workspace acme.");
        assertThat(browser.text()).contains("ada@acme.test", "max@acme.test");
        assertThat(browser.url()).endsWith("#/users?workspace=" + fixture.workspaceId());
    }

    @Test
    void aWorkspaceAdminSeesItsOwnWorkspaceAndNoWayToChangeIt() {
        openAs(fixture.workspaceAdminKey(), "Workspaces");
        assertThat(browser.text()).contains("acme", fixture.workspaceId(),
                "Only the admin token creates or changes workspaces.");
        assertThat(buttons(browser)).doesNotContain("Create workspace", "Edit acme", "Deactivate acme");
    }

    @Test
    void aMemberIsOfferedNeitherWorkspacesNorUsers() {
        ViewSteps.signIn(browser, fixture.baseUrl(), fixture.memberKey());
        assertThat(browser.nav()).contains("Keys", "Credentials").doesNotContain("Workspaces", "Users");
        browser.script("location.hash = '#/workspaces';");
        browser.waitForText("Workspaces is not available to your role.");
        assertThat(buttons(browser)).doesNotContain("Create workspace", "Deactivate acme");
    }
}
