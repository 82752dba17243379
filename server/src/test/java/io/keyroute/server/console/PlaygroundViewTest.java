package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.replies.Wording;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** The playground in a real Chromium: the routing decision as the API explains it, the fake's answer streamed, its cost as billed. */
class PlaygroundViewTest extends ManagementViewTest {
    private static final String MODEL = "openai/gpt-4o-mini";
    private static final String ADMIN_MODEL = "anthropic/claude-haiku-4-5";
    private static final String PROMPT = "Which of these three plans costs least per month?";

    private static void ask(String model, String prompt) {
        WebElement input = browser.byLabel("Model or route");
        input.clear();
        input.sendKeys(model);
        browser.byLabel("Prompt").sendKeys(prompt);
    }

    /** The facts list under `label`: each {@code <dt>}'s text to its {@code <dd>}'s. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> facts(String label) {
        return (Map<String, String>) browser.script("const dl = document.querySelector(arguments[0]);"
                + "return dl && Object.fromEntries([...dl.querySelectorAll('dt')].map(dt => [dt.textContent, dt.nextElementSibling.textContent]));",
                label);
    }

    private static JsonNode explained(String token, String model) {
        Response r = fixture.gateway().call("POST", "/api/v1/route/explain", token, "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode latestRequest() {
        return fixture.gateway().call("GET", "/api/v1/requests?limit=1", fixture.memberKey(), null).json().at("/data/0");
    }

    @Test
    void aMemberSeesTheRoutingDecisionThenTheStreamedAnswerWithTheCostTheLedgerCharged() {
        openAs(fixture.memberKey(), "Playground");
        ask(MODEL, PROMPT);

        browser.button("Explain").click();
        browser.waitFor(() -> facts("[aria-label='Routing decision'] dl") != null);
        JsonNode decision = explained(fixture.memberKey(), MODEL);
        assertThat(facts("[aria-label='Routing decision'] dl")).containsEntry("Chosen", decision.get("chosen").asText())
                .containsEntry("Reason", decision.get("reason").asText())
                .hasEntrySatisfying("Complexity", c -> assertThat(c).startsWith(decision.at("/complexity/level").asText() + " "));
        List<String> candidates = new ArrayList<>();
        decision.get("candidates").forEach(c -> candidates.add(c.get("model").asText()));
        assertThat(ViewSteps.rows(browser, "[aria-label='Routing decision']")).filteredOn(r -> r.containsKey("Estimated cost"))
                .extracting(r -> r.get("Model"))
                .containsExactlyElementsOf(candidates).contains(MODEL);

        browser.button("Send").click();
        browser.waitFor(() -> facts("[aria-label='Answer details']") != null);
        String answer = Wording.echo(Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode()
                .put("role", "user").put("content", PROMPT)));
        assertThat(browser.script("return document.querySelector(\"[aria-label='Answer']\").textContent;")).isEqualTo(answer);
        // One text node per streamed delta: the answer was written as it came, not at the end.
        assertThat(browser.script("return document.querySelector(\"[aria-label='Answer']\").childNodes.length;"))
                .isEqualTo((long) Wording.chunks(answer).size());

        browser.waitFor(() -> latestRequest().get("streamed").asBoolean()); // the ledger writes in batches
        JsonNode billed = latestRequest();
        Map<String, String> details = facts("[aria-label='Answer details']");
        assertThat(details).containsEntry("Model", MODEL)
                .containsEntry("Route reason", billed.get("route_reason").asText())
                .containsEntry("Tokens", billed.get("prompt_tokens").asText() + " prompt · "
                        + billed.get("completion_tokens").asText() + " completion");
        assertThat(ViewSteps.usd(details.get("Cost"))).isEqualByComparingTo(billed.get("cost_usd").decimalValue());
        browser.screenshot("playground");
    }

    @Test
    void theAdminTokenExplainsButCannotSendAndIsToldWhy() {
        openAs(fixture.adminToken(), "Playground");
        assertThat(browser.text()).contains("The admin token cannot call inference: sign in with a kr- key");
        assertThat(browser.script("return [...document.querySelectorAll('main button')]"
                + ".find(b => b.textContent === 'Send').disabled;")).isEqualTo(true);
        ask(ADMIN_MODEL, PROMPT); // a model with a system key: the admin token has no credential of its own
        browser.button("Explain").click();
        browser.waitFor(() -> facts("[aria-label='Routing decision'] dl") != null);
        assertThat(facts("[aria-label='Routing decision'] dl")).containsEntry("Chosen", ADMIN_MODEL)
                .containsEntry("Reason", explained(fixture.adminToken(), ADMIN_MODEL).get("reason").asText());
    }
}
