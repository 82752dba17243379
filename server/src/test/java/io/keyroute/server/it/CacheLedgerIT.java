package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.config.CacheSettings;
import io.keyroute.server.config.ExactCacheSettings;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache in the books, on the ledger the gateway writes (both databases): a hit's row costs nothing and says
 * what it saved, usage reports sum the saving per group, another workspace's identical request is a miss, and
 * {@code DELETE /api/v1/cache} removes a workspace's or a model's answers for those allowed to, audited.
 */
class CacheLedgerIT {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private static final String TEAM_KEY = "sk-proj-" + "CacheCacheCacheCacheCacheCache01";
    private static final String ASK = "{\"model\":\"openai/gpt-4o-mini\",\"temperature\":0,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    private static Response ask(VaultGateway g, String key) {
        return g.call("POST", "/v1/chat/completions", key, ASK);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aHitIsAFreeLedgerRowThatSavedTheOriginalsCost(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKeys(TEAM_KEY).start(); var g = new VaultGateway(db, upstream.baseUrl())) {
            g.cache(new CacheSettings(new ExactCacheSettings(true, 3600L), null));
            Team t = Team.create(g).withOpenAiKey(g, TEAM_KEY);
            Team other = Team.create(g).withOpenAiKey(g, TEAM_KEY);
            // gpt-4o-mini at $0.15 / $0.60 per million: 1,000 in + 100 out = 210 µ$
            upstream.enqueue(Reply.text("Paris.").usage(1_000, 100, 0, 0), Reply.text("Paris.").usage(1_000, 100, 0, 0));

            Response miss = ask(g, t.adaKey());
            Response hit = ask(g, t.bobKey());
            Response otherWorkspace = ask(g, other.adaKey());
            assertThat(miss.headers().firstValue("x-keyroute-cache")).hasValue("miss");
            assertThat(hit.headers().firstValue("x-keyroute-cache")).hasValue("hit");
            assertThat(hit.headers().firstValue("x-keyroute-cost-usd")).hasValue("0.000000");
            assertThat(hit.body()).isEqualTo(miss.body());
            assertThat(otherWorkspace.headers().firstValue("x-keyroute-cache")).as("never across workspaces").hasValue("miss");
            assertThat(upstream.requestCount()).isEqualTo(2);
            assertThat(g.awaitUsageRows(3)).isEqualTo(3);

            List<String> rows = g.vault.database().jdbc().query("SELECT user_id, cache_status, cost_micros, saved_micros,"
                    + " cache_similarity, prompt_tokens FROM usage_events ORDER BY at", rs -> rs.getString(1) + " "
                    + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getLong(4) + " " + rs.getObject(5) + " " + rs.getLong(6));
            assertThat(rows).containsExactly(t.ada() + " miss 210 0 null 1000", t.bob() + " hit 0 210 null 0",
                    other.ada() + " miss 210 0 null 1000");

            JsonNode byUser = g.call("GET", "/api/v1/usage?group_by=user", ADMIN, null).json().get("data");
            for (JsonNode row : byUser) {
                String saved = row.get("group").asText().equals(t.bob()) ? "0.000210" : "0";
                assertThat(row.get("saved_usd").decimalValue()).as(row.toString()).isEqualByComparingTo(saved);
            }
            JsonNode byModel = g.call("GET", "/api/v1/usage?group_by=model", ADMIN, null).json().get("data").get(0);
            assertThat(byModel.get("cost_usd").decimalValue()).isEqualByComparingTo("0.000420");
            assertThat(byModel.get("saved_usd").decimalValue()).isEqualByComparingTo("0.000210");
            JsonNode latest = g.call("GET", "/api/v1/requests", ADMIN, null).json().get("data");
            assertThat(latest.get(1).get("cache").asText()).isEqualTo("hit");
            assertThat(latest.get(1).get("saved_usd").decimalValue()).isEqualByComparingTo("0.000210");
            assertThat(latest.get(1).get("cost_usd").decimalValue()).isEqualByComparingTo("0");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAdminOrTheWorkspacesAdminEmptiesItsAnswersAudited(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.builder().apiKeys(TEAM_KEY).start(); var g = new VaultGateway(db, upstream.baseUrl())) {
            g.cache(new CacheSettings(new ExactCacheSettings(true, 3600L), null));
            Team t = Team.create(g).withOpenAiKey(g, TEAM_KEY);
            Team other = Team.create(g).withOpenAiKey(g, TEAM_KEY);
            ask(g, t.adaKey());
            ask(g, other.adaKey());

            assertThat(g.call("DELETE", "/api/v1/cache", t.bobKey(), null).status()).as("a member").isEqualTo(403);
            assertThat(g.call("DELETE", "/api/v1/cache?workspace=" + other.ws(), t.adaKey(), null).status())
                    .as("another workspace").isEqualTo(403);
            assertThat(g.call("DELETE", "/api/v1/cache?workspace=ws_nope", ADMIN, null).status()).isEqualTo(404);
            assertThat(g.call("DELETE", "/api/v1/cache?model=" + "m".repeat(600), ADMIN, null).status()).isEqualTo(400);
            assertThat(g.call("DELETE", "/api/v1/cache", null, null).status()).isEqualTo(401);
            assertThat(ask(g, t.bobKey()).headers().firstValue("x-keyroute-cache")).as("nothing removed yet").hasValue("hit");

            Response own = g.call("DELETE", "/api/v1/cache", t.adaKey(), null);
            assertThat(own.status()).as(own.body()).isEqualTo(200);
            assertThat(own.json().get("removed").asLong()).isEqualTo(1);
            assertThat(own.text("workspace")).isEqualTo(t.ws());
            assertThat(ask(g, t.bobKey()).headers().firstValue("x-keyroute-cache")).hasValue("miss");
            assertThat(ask(g, other.bobKey()).headers().firstValue("x-keyroute-cache")).as("others' kept").hasValue("hit");

            Response byModel = g.call("DELETE", "/api/v1/cache?model=openai/gpt-4o-mini", ADMIN, null);
            assertThat(byModel.json().get("removed").asLong()).isEqualTo(2);
            assertThat(g.call("DELETE", "/api/v1/cache", ADMIN, null).json().get("removed").asLong()).isZero();

            JsonNode audit = g.call("GET", "/api/v1/audit?action=cache.invalidated", ADMIN, null).json().get("data");
            assertThat(audit).hasSize(3);
            assertThat(audit.findValuesAsText("detail")).containsExactlyInAnyOrder("removed 1", "removed 2", "removed 0");
            assertThat(audit.findValuesAsText("actor")).contains(t.ada(), "admin");
            assertThat(g.call("DELETE", "/api/v1/cache", t.adaKey(), null, Map.of()).status()).isEqualTo(200);
        }
    }
}
