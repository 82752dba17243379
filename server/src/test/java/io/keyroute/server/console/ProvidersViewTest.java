package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Providers in a real Chromium: each provider's circuit, error rate, p50, last error and models, as the API reports them. */
class ProvidersViewTest extends ManagementViewTest {
    /** After the base class has started the gateway and the browser. */
    @BeforeAll
    static void openTheCircuit() {
        fixture.openCircuit();
    }

    /** The card's visible text, lower-cased (labels are shown in capitals by the stylesheet). */
    private static String card(String provider) {
        WebElement card = browser.element(By.cssSelector("section.provider[aria-label='" + provider + "']"));
        return card.getText().toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void eachProvidersHealthAndModelsAreShownAsTheApiReportsThem() {
        JsonNode providers = fixture.gateway().call("GET", "/api/v1/providers", fixture.adminToken(), null).json().get("data");
        browser.open(fixture.baseUrl());
        browser.signIn(fixture.adminToken());
        browser.go("Providers");
        browser.waitForText("deepseek");

        String deepseek = card("deepseek");
        assertThat(deepseek).contains("circuit open", "error rate\n100%", "failures in a row\n5", "next probe",
                "last error: deepseek connect error at ", "models (", "deepseek/deepseek-chat");
        String openai = card("openai");
        assertThat(openai).contains("circuit closed", "no system key", "error rate\n0%", "openai/gpt-4o-mini",
                "no error since the gateway started.");
        String anthropic = card("anthropic");
        assertThat(anthropic).contains("circuit closed", "system key", "claude-haiku-4-5").doesNotContain("p50\n—");
        for (JsonNode p : providers) {
            assertThat(card(p.get("id").asText())).as(p.get("id").asText())
                    .contains("models (" + p.get("models").size() + ")", p.get("base_url").asText());
        }
        browser.screenshot("providers");
        browser.signOut();
    }

    @Test
    void aWorkspaceAdminSeesTheSameHealth() {
        browser.open(fixture.baseUrl());
        browser.signIn(fixture.workspaceAdminKey());
        browser.go("Providers");
        browser.waitForText("deepseek");
        assertThat(card("deepseek")).contains("circuit open", "deepseek connect error");
        browser.signOut();
    }
}
