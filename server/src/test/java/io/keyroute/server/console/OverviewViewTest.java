package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.it.VaultGateway.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The Overview in a real Chromium: the last hour's and day's requests, errors and cost (tiles and
 * charts) as the usage API counts them, top models and users, a budget past its limit, an open circuit
 * and the alert raised when it opened.
 */
class OverviewViewTest extends ManagementViewTest {
    /** After the base class has started the gateway and the browser. */
    @BeforeAll
    static void openTheCircuitAndSpendTheWorkspacesBudget() throws InterruptedException {
        fixture.openCircuit();
        assertThat(fixture.gateway().alerts.awaitNotes(java.time.Duration.ofSeconds(10))).isTrue(); // its alert stored
        var gateway = fixture.gateway();
        String ws = "/api/v1/workspaces/" + fixture.workspaceId() + "/budget";
        Response budget = gateway.call("PUT", ws, fixture.adminToken(), "{\"limit_usd\":0.000001,\"period\":\"daily\"}");
        assertThat(budget.status()).as(budget.body()).isEqualTo(200);
        assertThat(gateway.call("POST", ws + "/recompute", fixture.adminToken(), null).status()).isEqualTo(200);
    }

    private static String section(String title) {
        return browser.element(By.cssSelector("section[aria-label='" + title + "']")).getText();
    }

    private static String tile(String label) {
        return browser.element(By.xpath("//div[@class='card'][div[@class='stat-label' and normalize-space()='" + label
                + "']]")).getText();
    }

    /** The usage API's total cost for {@code token}, as the console writes dollars (2 to 6 decimals below $1). */
    private static String totalCost(String token) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode row : fixture.gateway().call("GET", "/api/v1/usage?group_by=provider", token, null).json().get("data")) {
            total = total.add(row.get("cost_usd").decimalValue());
        }
        BigDecimal shown = total.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return "$" + (shown.scale() < 2 ? shown.setScale(2) : shown).toPlainString();
    }

    /** Rows in the hidden table of numbers behind the chart titled {@code title}. */
    private static Object chartRows(String title) {
        return browser.script("return [...document.querySelectorAll('table.visually-hidden')]"
                + ".find(t => t.caption.textContent === arguments[0]).tBodies[0].rows.length;", title);
    }

    @Test
    void theAdminSeesTrafficCostTopModelsAndUsersABudgetPastItsLimitAndTheOpenCircuit() {
        int requests = ConsoleFixture.MAX_CHATS + ConsoleFixture.ADA_CHATS + 5;
        browser.open(fixture.baseUrl());
        browser.signIn(fixture.adminToken());
        browser.go("Overview");
        browser.waitForText("Top models by cost");

        assertThat(tile("Requests")).contains(String.valueOf(requests), "last hour");
        assertThat(tile("Errors")).contains("5", "50% of requests");
        assertThat(tile("Cost")).contains(totalCost(fixture.adminToken()));
        assertThat(tile("Open circuits")).contains("1", "of 3 providers");
        assertThat(browser.elements(By.cssSelector(".chart canvas"))).hasSize(3);
        assertThat(chartRows("Requests and errors")).isEqualTo(60L);
        assertThat(section("Top models by cost")).contains("openai/gpt-4o-mini", "anthropic/claude-haiku-4-5");
        assertThat(section("Top users by cost")).contains("max@acme.test", "ada@acme.test");
        assertThat(section("Budgets near their limit")).contains("workspace acme", "daily", "of $0.000001");
        assertThat(section("Providers with open circuits")).contains("deepseek", "circuit open", "deepseek connect error")
                .doesNotContain("openai", "anthropic");
        assertThat(section("Recent alerts")).contains("circuit opened",
                "Provider deepseek's circuit opened: deepseek connect error.", "open");
        browser.screenshot("overview");

        browser.button("Last day").click();
        browser.waitFor(() -> browser.url().endsWith("#/overview?period=day"));
        browser.waitForText("last day");
        assertThat(tile("Requests")).contains(String.valueOf(requests));
        assertThat(chartRows("Latency")).isEqualTo(24L);
        browser.signOut();
    }

    @Test
    void aMemberSeesOnlyTheirOwnTraffic() {
        browser.open(fixture.baseUrl());
        browser.signIn(fixture.memberKey());
        browser.go("Overview");
        browser.waitForText("Top models by cost");
        assertThat(tile("Requests")).contains(String.valueOf(ConsoleFixture.MAX_CHATS));
        assertThat(tile("Errors")).contains("0");
        assertThat(tile("Cost")).contains(totalCost(fixture.memberKey()));
        assertThat(section("Top models by cost")).contains("openai/gpt-4o-mini").doesNotContain("anthropic", "deepseek");
        assertThat(browser.text()).doesNotContain("Top users by cost", "Providers with open circuits", "Recent alerts",
                "ada@acme.test");
        browser.signOut();
    }
}
