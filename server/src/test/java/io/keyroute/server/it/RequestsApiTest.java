package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /api/v1/requests} and the usage report's workspace view over real HTTP, on SQLite and
 * PostgreSQL: newest first, paged, each caller's own scope, never content.
 */
class RequestsApiTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private static final String OPENAI_KEY = "sk-proj-" + "RequestsRequestsRequestsReqs01";
    private static final String PROMPT_WORDS = "tell-me-about-the-purple-giraffe";

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    private static Response chat(VaultGateway g, String key) {
        return g.call("POST", "/v1/chat/completions", key, "{\"model\":\"openai/gpt-4o-mini\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"" + PROMPT_WORDS + "\"}]}");
    }

    private static List<JsonNode> data(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        r.json().get("data").forEach(rows::add);
        return rows;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theLatestRequestsNewestFirstInEachCallersScope(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.start(OPENAI_KEY); var g = new VaultGateway(db, upstream.baseUrl())) {
            Team t = Team.create(g).withOpenAiKey(g, OPENAI_KEY);
            Team other = Team.create(g).withOpenAiKey(g, OPENAI_KEY);
            upstream.enqueue(Reply.text("the answer text").usage(120, 30, 0, 0));
            List<String> ids = new ArrayList<>();
            for (String key : List.of(t.adaKey(), t.bobKey(), t.bobKey(), other.bobKey())) {
                Response r = chat(g, key);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                ids.add(r.headers().firstValue("x-keyroute-request-id").orElseThrow());
            }
            assertThat(g.awaitUsageRows(4)).isEqualTo(4);

            Response all = g.call("GET", "/api/v1/requests", ADMIN, null);
            assertThat(data(all)).extracting(r -> r.get("id").asText()).containsExactly(ids.get(3), ids.get(2),
                    ids.get(1), ids.get(0));
            assertThat(all.json().get("has_more").asBoolean()).isFalse();
            assertThat(all.body()).doesNotContain(PROMPT_WORDS).doesNotContain("the answer text")
                    .doesNotContain(t.adaKey()).doesNotContain(OPENAI_KEY);

            JsonNode first = data(all).getLast(); // ada's, the one with the enqueued usage
            assertThat(first.get("user_id").asText()).isEqualTo(t.ada());
            assertThat(first.get("key_id").asText()).isEqualTo(t.adaKeyId());
            assertThat(first.get("workspace_id").asText()).isEqualTo(t.ws());
            assertThat(first.get("requested_model").asText()).isEqualTo("openai/gpt-4o-mini");
            assertThat(first.get("provider").asText()).isEqualTo("openai");
            assertThat(first.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(first.get("route_reason").asText()).isNotBlank();
            assertThat(first.get("status").asInt()).isEqualTo(200);
            assertThat(first.get("outcome").asText()).isEqualTo("ok");
            assertThat(first.get("prompt_tokens").asLong()).isEqualTo(120);
            assertThat(first.get("completion_tokens").asLong()).isEqualTo(30);
            // gpt-4o-mini at $0.15 / $0.60 per million: 120 in + 30 out = 36 µ$
            assertThat(first.get("cost_usd").decimalValue()).isEqualByComparingTo("0.000036");
            assertThat(first.get("latency_ms").decimalValue().signum()).isPositive();
            assertThat(first.has("ttft_ms")).isTrue();
            assertThat(first.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

            // A workspace admin sees their workspace's requests, a member their own, a page at a time.
            assertThat(data(g.call("GET", "/api/v1/requests", t.adaKey(), null))).extracting(r -> r.get("id").asText())
                    .containsExactly(ids.get(2), ids.get(1), ids.get(0));
            Response page = g.call("GET", "/api/v1/requests?limit=1", t.bobKey(), null);
            assertThat(data(page)).extracting(r -> r.get("id").asText()).containsExactly(ids.get(2));
            assertThat(page.json().get("has_more").asBoolean()).isTrue();
            Response next = g.call("GET", "/api/v1/requests?limit=1&before=" + ids.get(2), t.bobKey(), null);
            assertThat(data(next)).extracting(r -> r.get("id").asText()).containsExactly(ids.get(1));
            assertThat(next.json().get("has_more").asBoolean()).isFalse();

            // Another's request is no cursor; limits are bounded.
            assertThat(g.call("GET", "/api/v1/requests?before=" + ids.get(0), t.bobKey(), null).status()).isEqualTo(400);
            assertThat(g.call("GET", "/api/v1/requests?limit=0", ADMIN, null).status()).isEqualTo(400);
            assertThat(g.call("GET", "/api/v1/requests?limit=1001", ADMIN, null).status()).isEqualTo(400);
            assertThat(g.call("GET", "/api/v1/requests", null, null).status()).isEqualTo(401);

            // The usage report groups by workspace and route; a workspace admin's covers their workspace.
            assertThat(data(g.call("GET", "/api/v1/usage?group_by=workspace", ADMIN, null)))
                    .extracting(r -> r.get("group").asText() + "=" + r.get("requests").asLong())
                    .containsExactlyInAnyOrder(t.ws() + "=3", other.ws() + "=1");
            assertThat(data(g.call("GET", "/api/v1/usage?group_by=workspace", t.adaKey(), null)))
                    .singleElement().satisfies(r -> assertThat(r.get("requests").asLong()).isEqualTo(3));
            assertThat(data(g.call("GET", "/api/v1/usage?group_by=route", t.bobKey(), null)))
                    .singleElement().satisfies(r -> {
                        assertThat(r.get("group").isNull()).isTrue(); // a model, not a route, was asked for
                        assertThat(r.get("requests").asLong()).isEqualTo(2);
                    });
            assertThat(g.call("GET", "/api/v1/usage?group_by=tenant", ADMIN, null).json().at("/error/message").asText())
                    .contains("workspace").contains("route");
        }
    }
}
