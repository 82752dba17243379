package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.server.limits.BudgetGate;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.budget.Budgets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a budget reserves for a request, over loopback HTTP: as tight as the request allows, and
 * multiplied or refused where the request multiplies its cost ({@code n}, long context, service
 * tiers, server-side tools).
 */
class BudgetReservationTest {
    /** A key with a $0.004 monthly budget of its own. */
    private static final String BUDGETED = "kr-" + "Budg3tedBudg3tedBudg3tedBudg3tedBudg3ted01";
    /** A key of the same user without any budget. */
    private static final String FREE = "kr-" + "Unbudg3tedUnbudg3tedUnbudg3tedUnbudg3ted01";
    private static final String SONNET = "anthropic/claude-sonnet-4-5";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-10T10:00:00Z"));
    private final LocalBudgets local = LocalBudgets.open(clock);
    private final Budgets budgets = local.budgets();
    private final FakeAnthropic anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
    private final FakeOpenAi openAi = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
    private final List<RequestRecord> records = new CopyOnWriteArrayList<>();
    private final Gateway gateway = Gateway.builder(config(), new StaticTokenAuthenticator(Map.of(
                    TokenHash.of(Secret.of(BUDGETED)), caller("key_budgeted", 4_000L),
                    TokenHash.of(Secret.of(FREE)), caller("key_free", null))))
            .gate(new BudgetGate(budgets, clock)).budgets(budgets).clock(clock).usage(records::add).start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Caller caller(String keyId, Long budgetMicros) {
        return new Caller(keyId, "user_ada", "ws_acme", null, Set.of(), false, new KeyLimits(null, null, budgetMicros));
    }

    private KeyrouteConfig config() {
        return new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 4L * 1024 * 1024, 2_000L, 64), null, null,
                List.of(new ProviderSettings("openai", "openai", openAi.baseUrl(), TestGateway.UPSTREAM_KEY, 5_000L,
                                2_000L, Map.of()),
                        new ProviderSettings("anthropic", "anthropic", anthropic.baseUrl(), TestGateway.ANTHROPIC_KEY,
                                5_000L, 2_000L, Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), null, null);
    }

    @AfterEach
    void close() {
        gateway.close();
        anthropic.close();
        openAi.close();
        local.close();
    }

    private HttpResponse<String> post(String path, String key, String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body()).path("error");
    }

    @Test
    void requestsWhoseWorstCaseFitsTheBudgetAreServedUntilItIsSpent() throws Exception {
        // Real worst case: ("user" + 31 bytes) + 10 tokens of framing = 45 tokens at $3 and 100 at $15 = $0.001635.
        // The old bound, (body bytes + 1,000) at the one-hour cache-write price ($6) + $0.0015, was over $0.008.
        String chat = "{\"model\":\"" + SONNET + "\",\"max_tokens\":100,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Summarise our plan in one line.\"}]}";
        Reply billed = Reply.text("ok").usage(20, 100, 0, 0); // 20 × 3 + 100 × 15 = 1,560 µ$
        anthropic.enqueue(billed, billed);

        assertThat(post("/v1/messages", BUDGETED, chat, Map.of()).statusCode()).isEqualTo(200);
        assertThat(post("/v1/messages", BUDGETED, chat, Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> third = post("/v1/messages", BUDGETED, chat, Map.of()); // 3,120 + 1,635 > 4,000
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(error(third).path("message").asText()).contains("$0.003120 spent", "may cost up to $0.001635");
        assertThat(anthropic.requests()).hasSize(2);
    }

    @Test
    void aResponsesRequestIsBoundByItsMaxOutputTokensAndRefusedInOpenAisShape() throws Exception {
        String responses = "{\"model\":\"" + SONNET + "\",\"max_output_tokens\":%d,\"instructions\":\"Be brief.\","
                + "\"input\":[{\"role\":\"user\",\"content\":\"Summarise our plan in one line.\"}]}";
        Reply billed = Reply.text("ok").usage(20, 100, 0, 0); // 20 × 3 + 100 × 15 = 1,560 µ$
        anthropic.enqueue(billed, billed);

        // 100,000 output tokens at $15 per million is $1.50: refused before any spend
        HttpResponse<String> large = post("/v1/responses", BUDGETED, responses.formatted(100_000), Map.of());
        assertThat(large.statusCode()).isEqualTo(429);
        assertThat(post("/v1/responses", BUDGETED, responses.formatted(100), Map.of()).statusCode()).isEqualTo(200);
        assertThat(post("/v1/responses", BUDGETED, responses.formatted(100), Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> third = post("/v1/responses", BUDGETED, responses.formatted(100), Map.of());
        assertThat(third.statusCode()).isEqualTo(429);
        JsonNode error = error(third);
        assertThat(error.path("message").asText()).contains("$0.003120 spent", "may cost up to $0.001");
        assertThat(error.path("type").isTextual()).isTrue();
        assertThat(error.has("code")).isTrue();
        assertThat(error.has("param")).isTrue();
        assertThat(anthropic.requests()).hasSize(2);
        assertThat(anthropic.lastRequest().json().path("max_tokens").asInt()).isEqualTo(100);
    }

    @Test
    void eachOfNChoicesIsReservedAndAbsurdNIsRefused() throws Exception {
        // 2,000 output tokens at $0.60 per million, per choice: $0.0012 fits in $0.004, four of them ($0.0048) do not.
        String chat = "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":2000,\"n\":%d,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        openAi.enqueue(Reply.text("ok").usage(10, 10, 0, 0));
        assertThat(post("/v1/chat/completions", BUDGETED, chat.formatted(1), Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> four = post("/v1/chat/completions", BUDGETED, chat.formatted(4), Map.of());
        assertThat(four.statusCode()).isEqualTo(429);
        assertThat(error(four).path("message").asText()).contains("may cost up to $0.004802");

        HttpResponse<String> absurd = post("/v1/chat/completions", FREE, chat.formatted(129), Map.of());
        assertThat(absurd.statusCode()).isEqualTo(400);
        assertThat(error(absurd).path("code").asText()).isEqualTo("invalid_value");
        assertThat(error(absurd).path("param").asText()).isEqualTo("n");
        assertThat(openAi.requests()).hasSize(1);
    }

    @Test
    void theLongContextBetaIsReservedAtTheMillionTokenWindowAndBilledAtItsPremium() throws Exception {
        String chat = "{\"model\":\"" + SONNET + "\",\"max_tokens\":1000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + "a".repeat(250_000) + "\"}]}";
        // Without the beta Anthropic refuses more than 200k: 200,000 × $3 + 1,000 × $15.
        HttpResponse<String> clamped = post("/v1/messages", BUDGETED, chat, Map.of());
        assertThat(error(clamped).path("message").asText()).contains("may cost up to $0.615000");
        // With it: 250,014 tokens at $6 and 1,000 at $22.50.
        HttpResponse<String> opened = post("/v1/messages", BUDGETED, chat,
                Map.of("anthropic-beta", "context-1m-2025-08-07"));
        assertThat(error(opened).path("message").asText()).contains("may cost up to $1.522584");

        // The ledger prices a prompt over 200k at the premium: 250,000 × 6 + 1,000 × 22.5.
        anthropic.enqueue(Reply.text("ok").usage(250_000, 1_000, 0, 0));
        HttpResponse<String> served = post("/v1/messages", FREE, chat, Map.of("anthropic-beta", "context-1m-2025-08-07"));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("x-keyroute-cost-usd")).hasValue("1.522500");
        assertThat(anthropic.lastRequest().header("anthropic-beta")).isEqualTo("context-1m-2025-08-07");
    }

    @Test
    void aServiceTierBilledAboveTheCatalogIsRefusedWhileABudgetApplies() throws Exception {
        String chat = "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":10,\"service_tier\":\"%s\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> priority = post("/v1/chat/completions", BUDGETED, chat.formatted("priority"), Map.of());
        assertThat(priority.statusCode()).isEqualTo(403);
        assertThat(error(priority).path("code").asText()).isEqualTo("service_tier_not_priced");
        assertThat(error(priority).path("message").asText()).contains("service_tier 'priority'");

        openAi.enqueue(Reply.text("ok"), Reply.text("ok"));
        assertThat(post("/v1/chat/completions", BUDGETED, chat.formatted("flex"), Map.of()).statusCode())
                .isEqualTo(200); // half the standard price: the catalog's bounds it
        assertThat(post("/v1/chat/completions", FREE, chat.formatted("priority"), Map.of()).statusCode())
                .isEqualTo(200); // no budget, nothing to bound
    }

    @Test
    void toolsTheProviderBillsPerUseAreRefusedWhileABudgetApplies() throws Exception {
        String search = "{\"model\":\"" + SONNET + "\",\"max_tokens\":100,"
                + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":5}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"news?\"}]}";
        HttpResponse<String> refused = post("/v1/messages", BUDGETED, search, Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode anthropicError = Json.MAPPER.readTree(refused.body());
        assertThat(anthropicError.path("type").asText()).isEqualTo("error");
        assertThat(anthropicError.at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(anthropicError.at("/error/message").asText()).contains("'web_search_20250305'");

        HttpResponse<String> options = post("/v1/chat/completions", BUDGETED, "{\"model\":\"openai/gpt-4o-mini\","
                + "\"web_search_options\":{},\"messages\":[{\"role\":\"user\",\"content\":\"news?\"}]}", Map.of());
        assertThat(options.statusCode()).isEqualTo(403);
        assertThat(error(options).path("code").asText()).isEqualTo("tool_not_priced");
        assertThat(error(options).path("message").asText()).contains("'web_search_options'");
        assertThat(anthropic.requests()).isEmpty();
        assertThat(openAi.requests()).isEmpty();
    }
    /**
     * Each {@code response.create} on a Responses WebSocket passes the budgets as a POST does: its worst
     * case reserved before the upstream sees it, settled at its cost, and one the budget cannot cover
     * refused as OpenAI's wrapped {@code error} event (status 429, with its {@code retry-after}).
     */
    @Test
    void eachResponseOnAWebSocketIsReservedAndSettledAndOneTheBudgetCannotCoverIsRefused() throws Exception {
        Reply billed = Reply.text("ok").usage(20, 100, 0, 0); // 20 × 3 + 100 × 15 = 1,560 µ$
        anthropic.enqueue(billed, billed);
        String create = "{\"type\":\"response.create\",\"model\":\"" + SONNET + "\",\"max_output_tokens\":100,"
                + "\"input\":\"Summarise our plan in one line.\"}";
        try (var socket = ResponsesSocketClient.connect(gateway.port(), BUDGETED)) {
            for (int served = 1; served <= 2; served++) {
                socket.send(create);
                assertThat(socket.response().getLast().path("type").asText()).isEqualTo("response.completed");
                awaitRecords(served); // settled when recorded, just after the last event
            }
            socket.send(create); // 3,120 spent + this one's worst case (over 1,500 of output alone) > 4,000
            JsonNode refused = socket.next();

            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("status").asInt()).isEqualTo(429);
            assertThat(refused.path("error").path("code").asText()).isEqualTo("budget_exceeded");
            assertThat(refused.path("error").path("message").asText()).contains("$0.003120 spent and $0.000000 held");
            assertThat(refused.path("headers").path("retry-after").asLong()).isPositive();
        }
        // A snapshot: the refused third response's record may still be arriving, and a live sub-list of the
        // copy-on-write list would then throw ConcurrentModificationException (seen once in a full run).
        assertThat(List.copyOf(records).subList(0, 2)).extracting(RequestRecord::costMicros)
                .containsExactly(1_560L, 1_560L);
        assertThat(anthropic.requests()).hasSize(2);
    }

    private void awaitRecords(int count) throws InterruptedException {
        for (int i = 0; i < 200 && records.size() < count; i++) {
            Thread.sleep(25);
        }
    }
}
