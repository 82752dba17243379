package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.usage.UsageLedger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code GET /api/v1/usage} over loopback HTTP, on the ledger the gateway itself wrote. */
class UsageApiTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private static final String TEAM_KEY = "sk-proj-" + "UsageUsageUsageUsageUsageUsage01";

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    private static List<JsonNode> data(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        response.json().get("data").forEach(rows::add);
        return rows;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void reportsRequestsTokensCostErrorsAndLatencyPerGroup(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKeys(TEAM_KEY).start(); var g = new VaultGateway(db, upstream.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            assertThat(g.call("POST", "/api/v1/workspaces/" + t.ws() + "/llm-credentials", t.adaKey(),
                    "{\"provider\":\"openai\",\"api_key\":\"" + TEAM_KEY + "\"}").status()).isEqualTo(201);
            // gpt-4o-mini at $0.15 / $0.60 per million: 1,000 in + 100 out = 210 µ$; 2,000 in + 200 out = 420 µ$
            upstream.enqueue(Reply.text("a").usage(1_000, 100, 0, 0), Reply.text("b").usage(1_000, 100, 0, 0),
                    Reply.text("c").usage(2_000, 200, 0, 0), Reply.error(500, "upstream broke"));
            assertThat(g.chat(t.adaKey(), null).status()).isEqualTo(200);
            assertThat(g.chat(t.adaKey(), null).status()).isEqualTo(200);
            assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(200);
            assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(502);
            assertThat(g.awaitUsageRows(4)).isEqualTo(4);

            List<JsonNode> byUser = data(g.call("GET", "/api/v1/usage?group_by=user", ADMIN, null));
            assertThat(byUser).hasSize(2);
            JsonNode ada = byUser.stream().filter(r -> r.get("group").asText().equals(t.ada())).findFirst().orElseThrow();
            JsonNode bob = byUser.stream().filter(r -> r.get("group").asText().equals(t.bob())).findFirst().orElseThrow();
            assertThat(ada.get("requests").asLong()).isEqualTo(2);
            assertThat(ada.get("prompt_tokens").asLong()).isEqualTo(2_000);
            assertThat(ada.get("completion_tokens").asLong()).isEqualTo(200);
            assertThat(ada.get("cost_usd").decimalValue()).isEqualByComparingTo("0.000420");
            assertThat(ada.get("errors").asLong()).isZero();
            assertThat(bob.get("requests").asLong()).isEqualTo(2);
            assertThat(bob.get("cost_usd").decimalValue()).isEqualByComparingTo("0.000420");
            assertThat(bob.get("errors").asLong()).isEqualTo(1);
            assertThat(ada.fieldNames()).toIterable().containsExactly("group", "requests", "prompt_tokens",
                    "completion_tokens", "cost_usd", "errors", "p50_ms", "p95_ms", "cached_tokens", "cached_share",
                    "saved_usd");
            assertThat(ada.get("cached_tokens").asLong()).isZero();
            assertThat(ada.get("cached_share").decimalValue()).isEqualByComparingTo("0");
            assertThat(ada.get("saved_usd").decimalValue()).isEqualByComparingTo("0");
            assertThat(ada.get("p95_ms").asDouble()).isGreaterThanOrEqualTo(ada.get("p50_ms").asDouble()).isPositive();

            // A workspace admin sees their workspace's requests; a member only their own.
            assertThat(data(g.call("GET", "/api/v1/usage?group_by=user", t.adaKey(), null)))
                    .extracting(r -> r.get("group").asText()).containsExactlyInAnyOrder(t.ada(), t.bob());
            assertThat(data(g.call("GET", "/api/v1/usage?group_by=user", t.bobKey(), null)))
                    .singleElement().satisfies(r -> assertThat(r.get("group").asText()).isEqualTo(t.bob()));
            assertThat(data(g.call("GET", "/api/v1/usage?group_by=key", t.bobKey(), null)))
                    .singleElement().satisfies(r -> assertThat(r.get("requests").asLong()).isEqualTo(2));

            List<JsonNode> byModel = data(g.call("GET", "/api/v1/usage?group_by=model", ADMIN, null));
            assertThat(byModel).extracting(r -> r.get("group").isNull() ? null : r.get("group").asText())
                    .containsExactly("openai/gpt-4o-mini", null); // the failed request reached no model
            assertThat(byModel.getFirst().get("cost_usd").decimalValue()).isEqualByComparingTo("0.000840");
            assertThat(data(g.call("GET", "/api/v1/usage?group_by=provider", ADMIN, null)).getFirst()
                    .get("group").asText()).isEqualTo("openai");

            String today = LocalDate.now(ZoneOffset.UTC).toString();
            String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
            assertThat(data(g.call("GET", "/api/v1/usage?group_by=day&from=" + today + "&to=" + today, ADMIN, null)))
                    .singleElement().satisfies(r -> {
                        assertThat(r.get("group").asText()).isEqualTo(today);
                        assertThat(r.get("requests").asLong()).isEqualTo(4);
                    });
            assertThat(data(g.call("GET", "/api/v1/usage?to=" + yesterday, ADMIN, null))).isEmpty();
            assertThat(data(g.call("GET", "/api/v1/usage?from=" + today + "T00:00:00Z", ADMIN, null))).isNotEmpty();

            Response badGroup = g.call("GET", "/api/v1/usage?group_by=colour", ADMIN, null);
            assertThat(badGroup.status()).isEqualTo(400);
            assertThat(badGroup.json().at("/error/code").asText()).isEqualTo("invalid_request");
            assertThat(g.call("GET", "/api/v1/usage?from=yesterday", ADMIN, null).status()).isEqualTo(400);
            assertThat(g.call("GET", "/api/v1/usage", null, null).status()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void closingTheGatewayStoresEveryQueuedRow(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKeys(TEAM_KEY).start()) {
            // A writer interval longer than the test: only closing can have stored the rows.
            var g = new VaultGateway(db, upstream.baseUrl(), new UsageLedger.Settings(1_000, 100, Duration.ofMinutes(10)));
            try {
                Tenancy t = Tenancy.create(g);
                g.call("POST", "/api/v1/workspaces/" + t.ws() + "/llm-credentials", t.adaKey(),
                        "{\"provider\":\"openai\",\"api_key\":\"" + TEAM_KEY + "\"}");
                for (int i = 0; i < 5; i++) {
                    assertThat(g.chat(t.adaKey(), null).status()).isEqualTo(200);
                }
                g.gateway.close(); // as at SIGTERM: stop serving, then flush the ledger
                assertThat(g.vault.database().jdbc().queryOne("SELECT COUNT(*) FROM usage_events",
                        rs -> rs.getLong(1))).contains(5L);
            } finally {
                g.vault.close();
            }
        }
    }
}
