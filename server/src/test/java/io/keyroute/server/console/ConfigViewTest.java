package io.keyroute.server.console;

import static io.keyroute.server.console.ViewSteps.fill;
import static io.keyroute.server.console.ViewSteps.rows;
import static io.keyroute.server.console.ViewSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.config.ConfigSections;
import org.junit.jupiter.api.Test;

/**
 * Config in a real Chromium, for the admin token: every run-time section and where it comes from; a
 * section stored from the editor runs at once, an invalid one is refused with the validator's words
 * in the form and nothing stored, and "Use the file's" brings the file's section back.
 */
class ConfigViewTest extends ManagementViewTest {
    private static final String ALIASES = "aliases: { quick: openai/gpt-4o-mini }";

    @Test
    void theAdminTokenStoresASectionIsRefusedAnInvalidOneAndGoesBackToTheFile() {
        openAs(fixture.adminToken(), "Config");
        browser.waitForText("experiments");
        assertThat(rows(browser, "main")).extracting(r -> r.get("Section")).containsExactlyElementsOf(ConfigSections.RUNTIME);
        assertThat(rows(browser, "main")).extracting(r -> r.get("Source")).containsOnly("file");

        submit(browser, "Edit aliases", "Save", "Saved aliases", "aliases YAML", ALIASES);
        var stored = admin("GET", "/api/v1/config/aliases", null);
        assertThat(stored.json().get("source").asText()).isEqualTo("database");
        assertThat(stored.json().get("content").asText()).isEqualTo(ALIASES);
        assertThat(stored.json().at("/effective/quick").asText()).as("running").isEqualTo("openai/gpt-4o-mini");
        browser.waitFor(() -> rows(browser, "main").stream().anyMatch(
                r -> r.get("Section").equals("aliases") && r.get("Source").equals("database")));

        browser.button("Edit routes").click();
        fill(browser, "routes YAML", "routes: [ { name: chat, strategy: fallback, candidates: [nowhere/gpt-4.1] } ]");
        browser.button("Save").click();
        browser.waitForText("The config would be invalid; nothing was changed.");
        assertThat(browser.pageText()).contains("routes[0]", "nowhere");
        assertThat(admin("GET", "/api/v1/config/routes", null).json().get("source").asText()).isEqualTo("file");
        browser.button("Cancel").click();

        browser.button("Use the file's aliases").click();
        ViewSteps.confirm(browser, "Delete stored section");
        browser.waitForText("aliases is the file's again.");
        var back = admin("GET", "/api/v1/config/aliases", null).json();
        assertThat(back.get("source").asText()).isEqualTo("file");
        assertThat(back.get("effective").size()).as("the file has no aliases").isZero();
        browser.screenshot("config");
    }
}
