package io.keyroute.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.config.ExperimentSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.it.VaultGateway.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Experiments in a real Chromium: route {@code auto} split between Claude Haiku and Sonnet, chats of
 * ada's and max's through it; the table holds the API's numbers arm by arm, as text.
 */
class ExperimentsViewTest extends ManagementViewTest {
    private static final String HAIKU = "anthropic/claude-haiku-4-5";
    private static final String SONNET = "anthropic/claude-sonnet-4-5";

    @BeforeAll
    static void splitARoute() {
        fixture.gateway().experiments(List.of(new RouteSettings("auto", "fallback", List.of(HAIKU), List.of(), Map.of())),
                List.of(new ExperimentSettings("haiku-vs-sonnet", "auto",
                        List.of(new ExperimentSettings.Arm(HAIKU, 1), new ExperimentSettings.Arm(SONNET, 1)))));
        for (String key : List.of(fixture.workspaceAdminKey(), fixture.memberKey())) {
            for (int i = 0; i < 3; i++) {
                Response chat = call(key, "POST", "/v1/chat/completions",
                        "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
                assertThat(chat.status()).as(chat.body()).isEqualTo(200);
            }
        }
    }

    private static JsonNode experiment(String token) throws InterruptedException {
        for (int i = 0; i < 200; i++) { // the ledger writes every ~100 ms
            Response r = call(token, "GET", "/api/v1/experiments/haiku-vs-sonnet", null);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            long requests = r.json().at("/arms/0/requests").asLong() + r.json().at("/arms/1/requests").asLong();
            if (requests == 6) {
                return r.json();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the six chats never reached the ledger");
    }

    @Test
    void theTableShowsEachArmAsTheApiCountsIt() throws Exception {
        JsonNode api = experiment(fixture.adminToken());
        openAs(fixture.adminToken(), "Experiments");
        browser.waitForText("haiku-vs-sonnet");
        assertThat(browser.pageText()).contains("Route auto");
        List<Map<String, String>> shown = ViewSteps.rows(browser, "main");
        assertThat(shown).extracting(r -> r.get("Arm")).containsExactly(HAIKU, SONNET);
        for (int i = 0; i < 2; i++) {
            JsonNode arm = api.at("/arms/" + i);
            Map<String, String> line = shown.get(i);
            assertThat(line.get("Weight")).isEqualTo("1");
            assertThat(line.get("Requests")).isEqualTo(arm.get("requests").asText());
            assertThat(line.get("Errors")).isEqualTo("0");
            assertThat(line.get("Prompt tokens").replace(",", "")).isEqualTo(arm.get("prompt_tokens").asText());
            if (arm.get("requests").asLong() > 0) {
                assertThat(line.get("Error rate (95% CI)")).startsWith("0.00 % (0.00 % – ");
                assertThat(ViewSteps.usd(line.get("Cost"))).isEqualByComparingTo(arm.get("cost_usd").decimalValue());
            } else {
                assertThat(line.get("Error rate (95% CI)")).isEqualTo("—");
            }
        }
        assertThat(shown.getFirst().get("Against the first arm")).isEqualTo("baseline");
        // The verdicts the API gave, in words: identical chats cost more on Sonnet, so with both arms used that is "higher".
        Map<String, String> words = Map.of("higher", "higher", "lower", "lower", "inconclusive", "no clear difference");
        assertThat(shown.get(1).get("Against the first arm")).isEqualTo("error rate "
                + words.get(api.at("/arms/1/versus_first/error_rate").asText()) + ", cost per request "
                + words.get(api.at("/arms/1/versus_first/cost_per_request").asText()));
        browser.screenshot("experiments");
    }

    @Test
    void theWorkspaceAdminSeesTheirWorkspacesTrafficAndTheMemberNoEntry() throws Exception {
        JsonNode api = experiment(fixture.workspaceAdminKey());
        openAs(fixture.workspaceAdminKey(), "Experiments");
        browser.waitForText("haiku-vs-sonnet");
        assertThat(ViewSteps.rows(browser, "main")).extracting(r -> r.get("Requests"))
                .containsExactly(api.at("/arms/0/requests").asText(), api.at("/arms/1/requests").asText());

        ViewSteps.signIn(browser, fixture.baseUrl(), fixture.memberKey());
        assertThat(browser.nav()).doesNotContain("Experiments");
    }
}
