package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code DELETE …/budget} over real HTTP on SQLite and PostgreSQL: who may, and that a deleted budget stops refusing at once. */
class BudgetDeletionApiTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private static final String OPENAI_KEY = "sk-proj-" + "BudgetDeleteBudgetDeleteBudge01";
    private static final String NOTHING = "{\"period\":\"monthly\",\"limit_usd\":0}";

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeletedBudgetNoLongerRefuses(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.start(OPENAI_KEY); var g = new VaultGateway(db, upstream.baseUrl())) {
            Team t = Team.create(g).withOpenAiKey(g, OPENAI_KEY);
            String bobBudget = "/api/v1/users/" + t.bob() + "/budget";
            String wsBudget = "/api/v1/workspaces/" + t.ws() + "/budget";
            assertThat(g.call("PUT", bobBudget, t.adaKey(), NOTHING).status()).isEqualTo(200);
            assertThat(g.call("PUT", wsBudget, ADMIN, NOTHING).status()).isEqualTo(200);
            Response refused = g.chat(t.bobKey(), null);
            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.json().at("/error/code").asText()).isEqualTo("budget_exceeded");

            // A member deletes no budget, not even their own; a workspace admin not their workspace's.
            assertThat(g.call("DELETE", bobBudget, t.bobKey(), null).status()).isEqualTo(403);
            assertThat(g.call("DELETE", wsBudget, t.adaKey(), null).status()).isEqualTo(403);

            assertThat(g.call("DELETE", bobBudget, t.adaKey(), null).status()).isEqualTo(204);
            assertThat(g.call("GET", bobBudget, t.adaKey(), null).status()).isEqualTo(404);
            assertThat(g.call("DELETE", bobBudget, t.adaKey(), null).status()).isEqualTo(404);
            assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(429); // the workspace's still applies
            assertThat(g.call("DELETE", wsBudget, ADMIN, null).status()).isEqualTo(204);
            assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(200);
            assertThat(g.call("DELETE", "/api/v1/workspaces/ws_nope/budget", ADMIN, null).status()).isEqualTo(404);
        }
    }
}
