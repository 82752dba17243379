package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.usage.budget.BudgetCounter;
import io.keyroute.usage.budget.BudgetPeriod;
import io.keyroute.usage.budget.BudgetScope;
import io.keyroute.usage.budget.CounterLimit;
import io.keyroute.usage.budget.Reservation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A member whose credential has its own base_url controls the usage that upstream reports. Its
 * count never passes the request's bound in the record (clamped, flagged as estimated), so one
 * answer claiming a billion prompt tokens cannot drain the budget every member shares; and an
 * admin can restart a counter from the ledger.
 */
class SelfReportedUsageTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private static final String OWN_KEY = "sk-proj-" + "OwnEndpointOwnEndpointOwn0002";
    /**
     * The reservation's prompt bound of the body {@link VaultGateway#chat} sends at OpenAI: "user" and
     * "hi", 3 + 3 tokens of framing. It asks no max_tokens: gpt-4o-mini's 16,384 bound the output.
     */
    private static final long PROMPT_BOUND = 4 + 2 + 3 + 3;

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aBillionSelfReportedPromptTokensAreClampedToTheRequestsBound(TestDatabase db) throws Exception {
        try (var configured = FakeOpenAi.start(OWN_KEY); var own = FakeOpenAi.start(OWN_KEY);
             var g = new VaultGateway(db, configured.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            assertThat(g.call("PUT", "/api/v1/workspaces/" + t.ws() + "/budget", ADMIN,
                    "{\"period\":\"monthly\",\"limit_usd\":5}").status()).isEqualTo(200);
            String ownUrl = own.baseUrl().replace("127.0.0.1", "localhost");
            assertThat(g.call("POST", "/api/v1/users/me/llm-credentials", t.adaKey(), "{\"provider\":\"openai\","
                    + "\"api_key\":\"" + OWN_KEY + "\",\"base_url\":\"" + ownUrl + "\"}").status()).isEqualTo(201);
            own.enqueue(Reply.text("hi").usage(1_000_000_000, 10, 0, 0), Reply.text("again").usage(100, 10, 0, 0));

            Response claimed = g.chat(t.adaKey(), null);

            assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
            long prompt = PROMPT_BOUND;
            long micros = 8; // gpt-4o-mini: 12 × $0.15 + 10 × $0.60 = 7.8 µ$, half up
            assertThat(claimed.headers().firstValue("x-keyroute-cost-usd"))
                    .hasValue(BigDecimal.valueOf(micros, 6).toPlainString());
            assertThat(g.awaitUsageRows(1)).isEqualTo(1);
            assertThat(g.vault.database().jdbc().queryOne("SELECT prompt_tokens, completion_tokens, cost_micros, estimated"
                            + " FROM usage_events", rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            rs.getBoolean(4) ? 1L : 0L)))
                    .contains(List.of(prompt, 10L, micros, 1L));
            Response budget = g.call("GET", "/api/v1/workspaces/" + t.ws() + "/budget", ADMIN, null);
            assertThat(budget.json().get("spent_usd").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(micros, 6));
            // The workspace's $5 are still there for everyone: the next request is served.
            assertThat(g.chat(t.adaKey(), null).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAdminRecomputesACounterFromTheLedger(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.start(OWN_KEY); var g = new VaultGateway(db, upstream.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            String wsPath = "/api/v1/workspaces/" + t.ws() + "/budget";
            assertThat(g.call("PUT", wsPath, ADMIN, "{\"period\":\"monthly\",\"limit_usd\":50}").status()).isEqualTo(200);
            assertThat(g.call("POST", "/api/v1/users/me/llm-credentials", t.adaKey(), "{\"provider\":\"openai\","
                    + "\"api_key\":\"" + OWN_KEY + "\"}").status()).isEqualTo(201);
            upstream.enqueue(Reply.text("ok").usage(1_000, 100, 0, 0)); // 1,000 × 0.15 + 100 × 0.60 = 210 µ$
            assertThat(g.chat(t.adaKey(), null).status()).isEqualTo(200);
            assertThat(g.awaitUsageRows(1)).isEqualTo(1);
            // A settle the ledger never saw (before settles were capped, say) left $40 on the counter.
            var line = new CounterLimit(BudgetCounter.of(BudgetScope.WORKSPACE, t.ws(), BudgetPeriod.MONTHLY,
                    Instant.now()), 50_000_000);
            var bogus = new Reservation("bogus", List.of(line), 40_000_000, Instant.now().plusSeconds(600));
            g.budgets.store().reserve(bogus);
            g.budgets.store().settle(bogus, 40_000_000);
            assertThat(g.call("GET", wsPath, ADMIN, null).json().get("spent_usd").decimalValue())
                    .isEqualByComparingTo("40.00021");

            assertThat(g.call("POST", wsPath + "/recompute", t.adaKey(), null).status()).isEqualTo(403);
            Response recomputed = g.call("POST", wsPath + "/recompute", ADMIN, null);

            assertThat(recomputed.status()).as(recomputed.body()).isEqualTo(200);
            assertThat(recomputed.json().get("spent_usd").decimalValue()).isEqualByComparingTo("0.00021");
            assertThat(recomputed.text("scope")).isEqualTo("workspace");
            assertThat(g.call("POST", "/api/v1/users/" + t.ada() + "/budget/recompute", ADMIN, null).status())
                    .as("no user budget set").isEqualTo(404);
            assertThat(g.call("PUT", "/api/v1/users/" + t.ada() + "/budget", ADMIN,
                    "{\"period\":\"daily\",\"limit_usd\":1}").status()).isEqualTo(200);
            Response user = g.call("POST", "/api/v1/users/" + t.ada() + "/budget/recompute", ADMIN, null);
            assertThat(user.status()).isEqualTo(200);
            assertThat(user.json().get("spent_usd").decimalValue()).isEqualByComparingTo("0.00021");
        }
    }
}
