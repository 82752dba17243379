package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.VaultGateway.Response;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Budgets in a real Chromium: what the view sets is the budget the API answers, and the bar shows its spending. */
class BudgetsViewTest extends ManagementViewTest {
    private static Response maxBudget() {
        return fixture.gateway().call("GET", "/api/v1/users/" + fixture.memberId() + "/budget", fixture.adminToken(), null);
    }

    private static void setBudget(String owner, String period, String limit) {
        new Select(browser.byLabel("Budget of")).selectByVisibleText(owner);
        new Select(browser.byLabel("Period")).selectByVisibleText(period);
        WebElement input = browser.byLabel("Limit (USD)");
        input.clear();
        input.sendKeys(limit);
        browser.button("Set budget").click();
    }

    private static Map<String, String> row(String owner) {
        return ViewSteps.rows(browser, "main").stream().filter(r -> r.get("Owner").startsWith(owner + " "))
                .findFirst().orElseThrow();
    }

    /** The spent amount the bar in {@code owner}'s row stands for (its meter's value). */
    private static BigDecimal meter(String owner) {
        return new BigDecimal((String) browser.script("return [...document.querySelectorAll('main tbody tr')]"
                + ".find(tr => tr.cells[0].textContent.startsWith(arguments[0] + ' '))"
                + ".querySelector('[role=meter]').getAttribute('aria-valuenow');", owner));
    }

    @Test
    void theAdminSetsAUsersBudgetTheApiAnswersItAndTheBarShowsItsSpendingThenClearsIt() {
        openAs(fixture.adminToken(), "Budgets");
        setBudget("User max@acme.test", "daily", "12.5");
        browser.waitForText("Budget of max@acme.test set.");

        Response set = maxBudget();
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.text("period")).isEqualTo("daily");
        assertThat(set.json().get("limit_usd").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(row("max@acme.test")).containsEntry("Period", "daily");
        assertThat(row("max@acme.test").get("Spending")).contains("$12.50 limit");

        // Max spends under the budget; once it is settled, the view opened again shows what the API counts.
        BigDecimal before = maxBudget().json().get("spent_usd").decimalValue();
        assertThat(fixture.gateway().chat(fixture.memberKey(), null).status()).isEqualTo(200);
        browser.waitFor(() -> maxBudget().json().get("reserved_usd").decimalValue().signum() == 0
                && maxBudget().json().get("spent_usd").decimalValue().compareTo(before) > 0);
        Response spent = maxBudget();
        Response workspace = fixture.gateway().call("PUT", "/api/v1/workspaces/" + fixture.workspaceId() + "/budget",
                fixture.adminToken(), "{\"period\":\"monthly\",\"limit_usd\":0.00005}");
        assertThat(workspace.status()).as(workspace.body()).isEqualTo(200);
        openAs(fixture.adminToken(), "Budgets");
        assertThat(meter("max@acme.test")).isEqualByComparingTo(spent.json().get("spent_usd").decimalValue());
        assertThat(meter("acme")).isEqualByComparingTo(workspace.json().get("spent_usd").decimalValue());
        assertThat(row("max@acme.test").get("Resets"))
                .isEqualTo(spent.text("resets_at").substring(0, 19).replace('T', ' ') + " UTC");
        browser.screenshot("budgets");

        browser.button("Clear budget of max@acme.test").click();
        ViewSteps.confirm(browser, "Clear budget");
        browser.waitForText("Budget of max@acme.test cleared.");
        assertThat(maxBudget().status()).isEqualTo(404);
        assertThat(row("max@acme.test").get("Spending")).isEqualTo("No budget");
    }

    @Test
    void aWorkspaceAdminSetsTheirUsersBudgetsButNotTheWorkspaces() {
        openAs(fixture.workspaceAdminKey(), "Budgets");
        assertThat(new Select(browser.byLabel("Budget of")).getOptions()).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("User ada@acme.test", "User max@acme.test");

        browser.button("Edit budget of max@acme.test").click();
        assertThat(new Select(browser.byLabel("Budget of")).getFirstSelectedOption().getText()).isEqualTo("User max@acme.test");
        setBudget("User max@acme.test", "monthly", "40");
        browser.waitForText("Budget of max@acme.test set.");
        Response set = maxBudget();
        assertThat(set.text("period")).isEqualTo("monthly");
        assertThat(set.json().get("limit_usd").decimalValue()).isEqualByComparingTo("40");
        assertThat(row("acme").get("Actions")).isEmpty();
    }
}
