package io.keyroute.server.console;

import static io.keyroute.server.console.ViewSteps.confirm;
import static io.keyroute.server.console.ViewSteps.fill;
import static io.keyroute.server.console.ViewSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The Users view in a real browser: adding, re-roling and deactivating users, checked through the API. */
class UsersViewTest extends ManagementViewTest {
    @Test
    void theAdminPicksAWorkspaceThenAddsChangesTheRoleOfAndDeactivatesAUser() {
        String initech = created(admin("POST", "/api/v1/workspaces", "{\"name\":\"initech\",\"plan\":\"pro\"}")).text("id");
        String users = "/api/v1/workspaces/" + initech + "/users";
        openAs(fixture.adminToken(), "Users");
        fill(browser, "Workspace", "initech (pro)");
        browser.waitFor(() -> browser.text().contains("Workspace initech.") && browser.text().contains("No users"));

        submit(browser, "Add user", "Add", "Added eve@initech.test as member.",
                "E-mail", "eve@initech.test", "Role", "member");
        JsonNode eve = listed(fixture.adminToken(), users, "email", "eve@initech.test").orElseThrow();
        assertThat(eve.path("role").asText()).isEqualTo("member");
        String eveId = eve.path("id").asText();

        submit(browser, "Change role eve@initech.test", "Save", "eve@initech.test is now admin.",
                "Role", "admin (manages the workspace)");
        assertThat(admin("GET", "/api/v1/users/" + eveId, null).text("role")).isEqualTo("admin");

        String key = created(admin("POST", "/api/v1/users/" + eveId + "/keys", "{\"name\":\"eve\"}")).text("key");
        assertThat(call(key, "GET", "/api/v1/me", null).text("role")).isEqualTo("workspace_admin");
        browser.button("Deactivate eve@initech.test").click();
        confirm(browser, "Deactivate user");
        browser.waitForText("Deactivated eve@initech.test.");
        assertThat(admin("GET", "/api/v1/users/" + eveId, null).status()).isEqualTo(404);
        assertThat(call(key, "GET", "/api/v1/me", null).status()).isEqualTo(401);
        assertThat(listed(fixture.adminToken(), "/api/v1/workspaces/" + fixture.workspaceId() + "/users", "email",
                "max@acme.test")).as("another workspace's users are untouched").isPresent();
    }

    @Test
    void aWorkspaceAdminManagesItsOwnWorkspacesUsersWithoutChoosingAWorkspace() {
        openAs(fixture.workspaceAdminKey(), "Users");
        assertThat(browser.text()).contains("Workspace acme.", "ada@acme.test", "max@acme.test");
        assertThat((Long) browser.script("return document.querySelectorAll('main select').length;")).isZero();

        submit(browser, "Add user", "Add", "Added lee@acme.test as member.",
                "E-mail", "lee@acme.test");
        assertThat(listed(fixture.workspaceAdminKey(), "/api/v1/workspaces/" + fixture.workspaceId() + "/users", "email",
                "lee@acme.test")).isPresent();
        browser.screenshot("users");
    }

    @Test
    void aRefusedAdditionShowsTheApisMessageAndAddsNobody() {
        openAs(fixture.workspaceAdminKey(), "Users");
        submit(browser, "Add user", "Add", "a user with e-mail 'max@acme.test' already exists.",
                "E-mail", "max@acme.test");
        assertThat(call(fixture.workspaceAdminKey(), "GET", "/api/v1/workspaces/" + fixture.workspaceId() + "/users", null)
                .json().path("data").findValuesAsText("email")).containsOnlyOnce("max@acme.test");
    }
}
