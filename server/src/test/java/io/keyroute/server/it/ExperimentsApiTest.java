package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.config.ExperimentSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.store.Times;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /api/v1/experiments[/{name}]} over loopback HTTP, on ledger rows of known latencies and
 * costs: the exact percentiles, Wilson and t intervals, and the verdicts against the first arm.
 */
class ExperimentsApiTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private static final String MINI = "openai/gpt-4o-mini";
    private static final String FOUR_O = "openai/gpt-4o";
    /** Student's t at 0.975 with 9 and 18 degrees of freedom. */
    private static final double T9 = 2.262157162798205;
    private static final double T18 = 2.10092204024096;
    private static final double Z = 1.959963984540054;

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    private static void row(VaultGateway g, String id, String workspace, String arm, String outcome, long latencyUs,
                            long costMicros) {
        g.vault.database().jdbc().update("INSERT INTO usage_events (request_id, at, workspace_id, user_id, route,"
                        + " provider, model, status, outcome, attempts, streamed, prompt_tokens, completion_tokens,"
                        + " cached_tokens, reasoning_tokens, cost_micros, latency_us, ttft_us, experiment, experiment_arm)"
                        + " VALUES (?, ?, ?, ?, 'auto', 'openai', ?, ?, ?, 1, ?, 1000, 100, 0, 0, ?, ?, 0, 'mini-ab', ?)",
                id, Times.format(Instant.now()), workspace, "user_" + id, arm.substring("openai/".length()),
                outcome.equals("ok") ? 200 : 502, outcome, false, costMicros, latencyUs, arm);
    }

    private static double wilsonLow(double p, int n) {
        return (p + Z * Z / (2 * n) - Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n))) / (1 + Z * Z / n);
    }

    private static double wilsonHigh(double p, int n) {
        return (p + Z * Z / (2 * n) + Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n))) / (1 + Z * Z / n);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachArmsNumbersWithTheirIntervalsAndTheVerdictAgainstTheFirst(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.start("sk-proj-" + "experimentsExperimentsExperim0001");
             var g = new VaultGateway(db, List.of(new ProviderSettings("openai", "openai", upstream.baseUrl(), null,
                     5_000L, 2_000L, Map.of())))) {
            g.experiments(List.of(new RouteSettings("auto", "fallback", List.of(MINI), List.of(), Map.of())),
                    List.of(new ExperimentSettings("mini-ab", "auto",
                            List.of(new ExperimentSettings.Arm(MINI, 50), new ExperimentSettings.Arm(FOUR_O, 50)))));
            Tenancy t = Tenancy.create(g);
            // gpt-4o-mini: 100..1,000 ms, 100..1,000 µ$, the last an error; gpt-4o: 50..500 ms, 1,100..2,000 µ$.
            for (int k = 1; k <= 10; k++) {
                row(g, "mini" + k, t.ws(), MINI, k == 10 ? "error" : "ok", 100_000L * k, 100L * k);
                row(g, "four" + k, t.ws(), FOUR_O, "ok", 50_000L * k, 1_000L + 100L * k);
            }
            for (int k = 1; k <= 5; k++) { // another workspace's: only the admin token sees them
                row(g, "other" + k, "ws_elsewhere", MINI, "ok", 1_000, 1);
            }

            Response one = g.call("GET", "/api/v1/experiments/mini-ab", t.adaKey(), null);
            assertThat(one.status()).as(one.body()).isEqualTo(200);
            assertThat(one.text("name")).isEqualTo("mini-ab");
            assertThat(one.text("route")).isEqualTo("auto");
            JsonNode mini = one.json().at("/arms/0");
            JsonNode four = one.json().at("/arms/1");
            assertThat(mini.get("arm").asText()).isEqualTo(MINI);
            assertThat(mini.get("weight").asInt()).isEqualTo(50);
            assertThat(mini.get("requests").asLong()).isEqualTo(10);
            assertThat(mini.get("errors").asLong()).isEqualTo(1);
            assertThat(mini.at("/error_rate/value").asDouble()).isEqualTo(0.1);
            // Wilson 1/10: 0.0179 to 0.4042.
            assertThat(mini.at("/error_rate/low").asDouble()).isCloseTo(wilsonLow(0.1, 10), offset(1e-12))
                    .isCloseTo(0.0179, offset(5e-5));
            assertThat(mini.at("/error_rate/high").asDouble()).isCloseTo(wilsonHigh(0.1, 10), offset(1e-12))
                    .isCloseTo(0.4042, offset(5e-5));
            assertThat(mini.get("p50_ms").decimalValue()).isEqualByComparingTo("500"); // rank ⌈10/2⌉ = 5
            assertThat(mini.get("p95_ms").decimalValue()).isEqualByComparingTo("1000"); // rank ⌈9.5⌉ = 10
            assertThat(mini.get("prompt_tokens").asLong()).isEqualTo(10_000);
            assertThat(mini.get("completion_tokens").asLong()).isEqualTo(1_000);
            assertThat(mini.get("cost_usd").decimalValue()).isEqualByComparingTo("0.005500");
            assertThat(mini.get("priced_requests").asLong()).isEqualTo(10);
            // 100..1,000 µ$: mean 550, s² = 91,666.67, so 550 ± t(9)·s/√10.
            double half = T9 * Math.sqrt(91_666.666_666_666_67 / 10);
            assertThat(mini.at("/cost_per_request_usd/value").asDouble()).isCloseTo(550e-6, offset(1e-15));
            assertThat(mini.at("/cost_per_request_usd/low").asDouble()).isCloseTo((550 - half) / 1e6, offset(1e-12));
            assertThat(mini.at("/cost_per_request_usd/high").asDouble()).isCloseTo((550 + half) / 1e6, offset(1e-12));
            assertThat(mini.get("versus_first").isNull()).isTrue();

            assertThat(four.get("requests").asLong()).isEqualTo(10);
            assertThat(four.get("errors").asLong()).isZero();
            assertThat(four.at("/error_rate/low").asDouble()).isZero();
            assertThat(four.get("p50_ms").decimalValue()).isEqualByComparingTo("250");
            assertThat(four.get("p95_ms").decimalValue()).isEqualByComparingTo("500");
            assertThat(four.at("/cost_per_request_usd/value").asDouble()).isCloseTo(1_550e-6, offset(1e-15));
            JsonNode versus = four.get("versus_first");
            assertThat(versus.get("arm").asText()).isEqualTo(MINI);
            // 0/10 against 1/10 cannot tell the error rates apart; 1,000 µ$ more a request, Welch's 18 df, can.
            assertThat(versus.at("/error_rate_difference/value").asDouble()).isCloseTo(-0.1, offset(1e-15));
            assertThat(versus.at("/error_rate_difference/low").asDouble()).isNegative();
            assertThat(versus.at("/error_rate_difference/high").asDouble()).isPositive();
            assertThat(versus.get("error_rate").asText()).isEqualTo("inconclusive");
            double welch = T18 * Math.sqrt(2 * 91_666.666_666_666_67 / 10);
            assertThat(versus.at("/cost_per_request_difference_usd/value").asDouble()).isCloseTo(1_000e-6, offset(1e-15));
            assertThat(versus.at("/cost_per_request_difference_usd/low").asDouble())
                    .isCloseTo((1_000 - welch) / 1e6, offset(1e-12));
            assertThat(versus.at("/cost_per_request_difference_usd/high").asDouble())
                    .isCloseTo((1_000 + welch) / 1e6, offset(1e-12));
            assertThat(versus.get("cost_per_request").asText()).isEqualTo("higher");

            // The admin token sees every workspace's rows; the listing holds the same numbers.
            Response all = g.call("GET", "/api/v1/experiments", ADMIN, null);
            assertThat(all.status()).as(all.body()).isEqualTo(200);
            assertThat(all.json().at("/data/0/name").asText()).isEqualTo("mini-ab");
            assertThat(all.json().at("/data/0/arms/0/requests").asLong()).isEqualTo(15);
            assertThat(all.json().at("/data/0/arms/1/requests").asLong()).isEqualTo(10);

            Response before = g.call("GET", "/api/v1/experiments/mini-ab?to=2000-01-01", ADMIN, null);
            assertThat(before.json().at("/arms/0/requests").asLong()).isZero();
            assertThat(before.json().at("/arms/0/error_rate").isNull()).isTrue();
            assertThat(before.json().at("/arms/1/versus_first/error_rate").asText()).isEqualTo("inconclusive");

            assertThat(g.call("GET", "/api/v1/experiments/nope", ADMIN, null).status()).isEqualTo(404);
            assertThat(g.call("GET", "/api/v1/experiments/mini-ab", t.bobKey(), null).status()).isEqualTo(403);
            assertThat(g.call("GET", "/api/v1/experiments", t.bobKey(), null).status()).isEqualTo(403);
            assertThat(g.call("GET", "/api/v1/experiments", null, null).status()).isEqualTo(401);
            assertThat(g.call("GET", "/api/v1/experiments/mini-ab?from=yesterday", ADMIN, null).status()).isEqualTo(400);
        }
    }
}
