package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hard budgets over loopback HTTP: the budget endpoints, and requests refused once a budget is spent. */
class BudgetApiTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private static final String TEAM_KEY = "sk-proj-" + "BudgetBudgetBudgetBudgetBudget01";
    // Each answer is billed 8 + 300 tokens of gpt-4o-mini ($0.15 / $0.60 per million): 181 µ$.
    private static final Reply BILLED = Reply.text("ok").usage(8, 300, 0, 0);
    private static final String CHAT = "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":300,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void budgetEndpointsSetAndShowWorkspaceAndUserBudgets(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKeys(TEAM_KEY).start(); var g = new VaultGateway(db, upstream.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            String wsPath = "/api/v1/workspaces/" + t.ws() + "/budget";

            assertThat(g.call("GET", wsPath, ADMIN, null).status()).isEqualTo(404); // none set yet
            Response set = g.call("PUT", wsPath, ADMIN, "{\"period\":\"monthly\",\"limit_usd\":12.5}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(set.json().fieldNames()).toIterable().containsExactly("scope", "id", "period", "limit_usd",
                    "spent_usd", "reserved_usd", "period_start", "resets_at");
            assertThat(set.text("scope")).isEqualTo("workspace");
            assertThat(set.json().get("limit_usd").decimalValue()).isEqualByComparingTo("12.5");
            assertThat(set.json().get("spent_usd").decimalValue()).isEqualByComparingTo("0");
            assertThat(set.text("period_start")).endsWith("-01T00:00:00.000Z");
            Response daily = g.call("PUT", wsPath, ADMIN, "{\"period\":\"daily\",\"limit_usd\":0}");
            assertThat(daily.text("period")).isEqualTo("daily");
            assertThat(g.call("GET", wsPath, t.adaKey(), null).text("period")).isEqualTo("daily"); // workspace admin reads

            // Setting a workspace budget is the operator's; wrong values are refused.
            assertThat(g.call("PUT", wsPath, t.adaKey(), "{\"period\":\"daily\",\"limit_usd\":1}").status()).isEqualTo(403);
            assertThat(g.call("PUT", "/api/v1/workspaces/ws_nope/budget", ADMIN, "{\"period\":\"daily\",\"limit_usd\":1}")
                    .status()).isEqualTo(404);
            Response weekly = g.call("PUT", wsPath, ADMIN, "{\"period\":\"weekly\",\"limit_usd\":1}");
            assertThat(weekly.status()).isEqualTo(422);
            assertThat(weekly.json().at("/error/code").asText()).isEqualTo("invalid_period");
            assertThat(g.call("PUT", wsPath, ADMIN, "{\"period\":\"daily\",\"limit_usd\":-1}").json().at("/error/code")
                    .asText()).isEqualTo("invalid_limit");
            assertThat(g.call("PUT", wsPath, ADMIN, "{\"period\":\"daily\"}").status()).isEqualTo(422);

            // A user's budget: set by their workspace admin, read by them too, not set by a member.
            String bobPath = "/api/v1/users/" + t.bob() + "/budget";
            Response bob = g.call("PUT", bobPath, t.adaKey(), "{\"period\":\"daily\",\"limit_usd\":0.25}");
            assertThat(bob.status()).as(bob.body()).isEqualTo(200);
            assertThat(bob.text("scope")).isEqualTo("user");
            assertThat(g.call("GET", bobPath, t.bobKey(), null).json().get("limit_usd").decimalValue())
                    .isEqualByComparingTo("0.25");
            assertThat(g.call("PUT", "/api/v1/users/" + t.ada() + "/budget", t.bobKey(),
                    "{\"period\":\"daily\",\"limit_usd\":1}").status()).isEqualTo(403);
            assertThat(g.call("GET", "/api/v1/users/" + t.ada() + "/budget", t.bobKey(), null).status()).isEqualTo(403);
            assertThat(g.call("PUT", "/api/v1/users/user_nope/budget", ADMIN, "{\"period\":\"daily\",\"limit_usd\":1}")
                    .status()).isEqualTo(404);
        }
    }

    /** How the 500 µ$ budget is set: on the workspace, the user, the key, or by the workspace's plan. */
    enum Scope { WORKSPACE, USER, KEY, PLAN }

    static List<Object[]> scopesAndDatabases() {
        return java.util.Arrays.stream(Scope.values()) // a fresh database for each
                .flatMap(scope -> TestServices.databases().stream().map(db -> new Object[] {scope, db}))
                .toList();
    }

    @ParameterizedTest(name = "{0} budget on {1}")
    @MethodSource("scopesAndDatabases")
    void aSpentBudgetRefusesWith429BudgetExceededInTheCallersShape(Scope scope, TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKeys(TEAM_KEY).start(); var g = new VaultGateway(db, upstream.baseUrl())) {
            String key = budgetedKey(g, scope);
            upstream.enqueue(BILLED, BILLED, BILLED);
            // A request may cost up to ("user" + "hi" + 6 tokens of framing) × 0.15 + 300 × 0.6 = 181.8 → 182 µ$:
            // two fit in 500 µ$ (181 + 182 ≤ 500), a third does not (362 + 182 > 500).
            assertThat(g.call("POST", "/v1/chat/completions", key, CHAT).status()).isEqualTo(200);
            assertThat(g.call("POST", "/v1/chat/completions", key, CHAT).status()).isEqualTo(200);

            Response openAi = g.call("POST", "/v1/chat/completions", key, CHAT);
            assertThat(openAi.status()).as(openAi.body()).isEqualTo(429);
            assertThat(openAi.json().at("/error/code").asText()).isEqualTo("budget_exceeded");
            assertThat(openAi.json().at("/error/type").asText()).isEqualTo("rate_limit_error");
            assertThat(openAi.json().at("/error/message").asText()).contains("$0.000362 spent");
            assertRetryAfterUntilTheMonthEnds(openAi);

            Response anthropic = g.call("POST", "/v1/messages", key, "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":300,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(anthropic.status()).as(anthropic.body()).isEqualTo(429);
            assertThat(anthropic.text("type")).isEqualTo("error");
            assertThat(anthropic.json().at("/error/type").asText()).isEqualTo("rate_limit_error");
            assertThat(anthropic.json().at("/error/message").asText()).contains("budget");
            assertRetryAfterUntilTheMonthEnds(anthropic);

            assertThat(upstream.requests()).hasSize(2); // refused requests never reached the provider
        }
    }

    private static void assertRetryAfterUntilTheMonthEnds(Response response) {
        long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(seconds).isPositive().isLessThanOrEqualTo(Duration.ofDays(31).toSeconds());
    }

    /** A key of a user whose spending the given scope limits to 500 µ$ a month. */
    private static String budgetedKey(VaultGateway g, Scope scope) {
        String plan = scope == Scope.PLAN ? "trial" : "pro"; // trial: monthly_budget_usd 0.0005
        String ws = g.call("POST", "/api/v1/workspaces", ADMIN, "{\"name\":\"acme\",\"plan\":\"" + plan + "\"}").text("id");
        String user = g.call("POST", "/api/v1/workspaces/" + ws + "/users", ADMIN,
                "{\"email\":\"ada@example.com\",\"role\":\"admin\"}").text("id");
        String keyBody = scope == Scope.KEY ? "{\"name\":\"k\",\"budget_usd\":0.0005}" : "{\"name\":\"k\"}";
        String key = g.call("POST", "/api/v1/users/" + user + "/keys", ADMIN, keyBody).text("key");
        assertThat(g.call("POST", "/api/v1/workspaces/" + ws + "/llm-credentials", key,
                "{\"provider\":\"openai\",\"api_key\":\"" + TEAM_KEY + "\"}").status()).isEqualTo(201);
        String limit = "{\"period\":\"monthly\",\"limit_usd\":0.0005}";
        if (scope == Scope.WORKSPACE) {
            assertThat(g.call("PUT", "/api/v1/workspaces/" + ws + "/budget", ADMIN, limit).status()).isEqualTo(200);
        } else if (scope == Scope.USER) {
            assertThat(g.call("PUT", "/api/v1/users/" + user + "/budget", ADMIN, limit).status()).isEqualTo(200);
        }
        return key;
    }
}
