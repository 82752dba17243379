package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.config.KeyrouteConfig.GuardrailSettings;
import io.keyroute.server.it.VaultGateway.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Requests in a real Chromium: live without a reload, filtered in the page, older pages on demand. */
class RequestsViewTest extends ManagementViewTest {
    private static List<Map<String, String>> shown() {
        return ViewSteps.rows(browser, "main");
    }

    private static JsonNode requests(String token, int limit) {
        Response r = fixture.gateway().call("GET", "/api/v1/requests?limit=" + limit, token, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("data");
    }

    @Test
    void aRequestMadeWhileTheViewIsShownAppearsWithoutAReloadWithTheLedgersNumbers() {
        openAs(fixture.memberKey(), "Requests");
        browser.script("window.sameDocument = true;");
        fixture.gateway().guardrails(List.of(new GuardrailSettings("pii", "pii", List.of("input"), "redact", null, null,
                null, null, null, null)));

        Response chat = fixture.gateway().chat(fixture.memberKey(), null);
        assertThat(chat.status()).isEqualTo(200);
        String id = chat.headers().firstValue("x-keyroute-request-id").orElseThrow();
        browser.waitFor(() -> shown().stream().anyMatch(r -> r.get("Request").equals(id)));
        assertThat(browser.script("return window.sameDocument === true;")).isEqualTo(true);

        JsonNode ledger = requests(fixture.memberKey(), 1).get(0);
        assertThat(ledger.get("id").asText()).isEqualTo(id);
        Map<String, String> row = shown().getFirst();
        assertThat(row).containsEntry("Request", id).containsEntry("Status", "200 ok")
                .containsEntry("Route reason", ledger.get("route_reason").asText())
                .containsEntry("Guardrails", "pii:pass").containsEntry("Guardrails", ledger.get("guardrails").asText())
                .containsEntry("Tokens", ledger.get("prompt_tokens").asText() + " / " + ledger.get("completion_tokens").asText());
        assertThat(ViewSteps.usd(row.get("Cost"))).isEqualByComparingTo(ledger.get("cost_usd").decimalValue());
        assertThat(row).containsEntry("Model", "openai/gpt-4o-mini").doesNotContainKey("User"); // a member sees only their own
        browser.screenshot("requests");
    }

    @Test
    void theFiltersNarrowTheRowsInThePage() {
        openAs(fixture.adminToken(), "Requests");
        int all = shown().size();
        assertThat(shown()).extracting(r -> r.get("User")).contains("max@acme.test", "ada@acme.test");

        WebElement model = browser.byLabel("Model");
        model.sendKeys("claude");
        assertThat(shown()).isNotEmpty().allSatisfy(r -> assertThat(r.get("Model")).contains("claude"));
        model.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE); // as a person clears it: an input event
        assertThat(shown()).hasSize(all);

        browser.byLabel("User").sendKeys("ada@");
        assertThat(shown()).isNotEmpty().allSatisfy(r -> assertThat(r.get("User")).isEqualTo("ada@acme.test"));
        new Select(browser.byLabel("Status")).selectByVisibleText("5xx");
        assertThat(browser.text()).contains("No requests match.");
    }

    @Test
    void loadMoreAppendsTheNextOlderPage() {
        int before = requests(fixture.memberKey(), 1000).size();
        for (int i = 0; i < 55; i++) {
            Response chat = fixture.gateway().chat(fixture.memberKey(), null);
            assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        }
        browser.waitFor(() -> requests(fixture.memberKey(), 1000).size() == before + 55); // the ledger writes in batches

        openAs(fixture.memberKey(), "Requests");
        assertThat(shown()).hasSize(50);
        browser.button("Load more").click();
        browser.waitFor(() -> shown().size() > 50);
        List<String> ids = shown().stream().map(r -> r.get("Request")).toList();
        JsonNode everything = requests(fixture.memberKey(), 1000);
        assertThat(ids).hasSize(everything.size());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(everything.get(i).get("id").asText());
        }
        assertThat(browser.script("return [...document.querySelectorAll('main button')]"
                + ".find(b => b.textContent === 'Load more').hidden;")).isEqualTo(true);
    }
}
