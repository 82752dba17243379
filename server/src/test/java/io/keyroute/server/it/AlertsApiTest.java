package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.server.alerts.WebhookReceiver;
import io.keyroute.server.config.KeyrouteConfig.AlertsSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.WebhookSettings;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.testkit.services.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Alerts end to end over real HTTP: a provider's circuit opening after its failures, a credential
 * failing validation and a user's budget passing 50% are raised once each, sent signed to a real
 * webhook receiver and listed by {@code GET /api/v1/alerts} for whoever may read them; no key is
 * in any of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsApiTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private static final String SYSTEM_KEY = "sk-proj-" + "AlertsSystemKeyAlertsSystemKey01";
    private static final String WRONG_KEY = "sk-proj-" + "AlertsWrongKeyAlertsWrongKey0001";
    private static final String SECRET = "whsec_" + "AlertsApiTestSecret0123";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeOpenAi upstream;
    private WebhookReceiver receiver;
    private VaultGateway g;
    private String workspaceId;
    private String adaKey;
    private String maxId;
    private String maxKey;

    @BeforeAll
    void start() throws Exception {
        upstream = FakeOpenAi.start(SYSTEM_KEY);
        receiver = WebhookReceiver.start();
        g = new VaultGateway(TestServices.sqlite(), List.of(
                new ProviderSettings("openai", "openai", upstream.baseUrl(), SYSTEM_KEY, 5_000L, 2_000L, Map.of()),
                // Nothing listens there: its circuit opens after five failures in a row.
                new ProviderSettings("deepseek", "openai-compatible", "http://127.0.0.1:9",
                        "sk-" + "deepseekAlertsSystemKey0123456789", 2_000L, 1_000L, Map.of())));
        g.alertSettings(new AlertsSettings(null, List.of(new WebhookSettings("ops", receiver.url(), List.of(), SECRET,
                2_000L)), 3, 1L, 100));
        workspaceId = created("POST", "/api/v1/workspaces", ADMIN, "{\"name\":\"acme\",\"plan\":\"pro\"}").text("id");
        String adaId = created("POST", "/api/v1/workspaces/" + workspaceId + "/users", ADMIN,
                "{\"email\":\"ada@acme.test\",\"role\":\"admin\"}").text("id");
        adaKey = created("POST", "/api/v1/users/" + adaId + "/keys", ADMIN, "{\"name\":\"ada\"}").text("key");
        maxId = created("POST", "/api/v1/workspaces/" + workspaceId + "/users", ADMIN,
                "{\"email\":\"max@acme.test\",\"role\":\"member\"}").text("id");
        maxKey = created("POST", "/api/v1/users/" + maxId + "/keys", ADMIN, "{\"name\":\"max\"}").text("key");

        for (int i = 0; i < 5; i++) {
            Response failed = g.call("POST", "/v1/chat/completions", adaKey,
                    "{\"model\":\"deepseek/deepseek-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
            assertThat(failed.status()).as(failed.body()).isEqualTo(502);
        }

        String credential = created("POST", "/api/v1/users/me/llm-credentials", maxKey,
                "{\"provider\":\"openai\",\"name\":\"wrong\",\"api_key\":\"" + WRONG_KEY + "\"}").text("id");
        for (int i = 0; i < 2; i++) { // the second failure of the same key is not a new alert
            Response validated = g.call("POST", "/api/v1/users/me/llm-credentials/" + credential + "/validate", maxKey, null);
            assertThat(validated.status()).as(validated.body()).isEqualTo(200);
            assertThat(validated.text("last_error")).isNotNull();
        }
        g.call("DELETE", "/api/v1/users/me/llm-credentials/" + credential, maxKey, null);

        // $0.001 a month; one answer of 1,000 output tokens of gpt-4o-mini costs $0.0006015: past 50%, not 80%.
        assertThat(g.call("PUT", "/api/v1/users/" + maxId + "/budget", ADMIN,
                "{\"limit_usd\":0.001,\"period\":\"monthly\"}").status()).isEqualTo(200);
        upstream.enqueue(Reply.text("ok").usage(10, 1_000, 0, 0));
        Response chat = g.call("POST", "/v1/chat/completions", maxKey, "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":1000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        awaitAlerts(ADMIN, alerts -> alerts.size() >= 3);
        assertThat(g.alerts.awaitNotes(WAIT)).isTrue();
    }

    @AfterAll
    void stop() {
        g.close();
        receiver.close();
        upstream.close();
    }

    private Response created(String method, String path, String token, String body) {
        Response r = g.call(method, path, token, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    private List<JsonNode> alerts(String query, String token) {
        Response r = g.call("GET", "/api/v1/alerts" + query, token, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> data = new ArrayList<>();
        r.json().get("data").forEach(data::add);
        return data;
    }

    /** The alerts once {@code done} holds of them (budgets are settled just after the answer is sent). */
    private List<JsonNode> awaitAlerts(String token, Predicate<List<JsonNode>> done) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> found;
        while (!done.test(found = alerts("", token)) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return found;
    }

    private static JsonNode ofType(List<JsonNode> alerts, String type) {
        List<JsonNode> found = alerts.stream().filter(a -> a.get("type").asText().equals(type)).toList();
        assertThat(found).as(type).hasSize(1);
        return found.getFirst();
    }

    @Test
    void theAdminSeesEachAlertOnce() {
        List<JsonNode> all = alerts("", ADMIN);
        assertThat(all).extracting(a -> a.get("type").asText())
                .containsExactlyInAnyOrder("circuit.opened", "credential.validation_failed", "budget.threshold");

        JsonNode circuit = ofType(all, "circuit.opened");
        assertThat(circuit.get("workspace_id").isNull()).isTrue();
        assertThat(circuit.at("/data/provider").asText()).isEqualTo("deepseek");
        assertThat(circuit.at("/data/last_error/summary").asText()).isEqualTo("deepseek connect error");
        assertThat(circuit.get("summary").asText()).isEqualTo("Provider deepseek's circuit opened: deepseek connect error.");

        JsonNode credential = ofType(all, "credential.validation_failed");
        assertThat(credential.get("workspace_id").asText()).isEqualTo(workspaceId);
        assertThat(credential.at("/data/provider").asText()).isEqualTo("openai");
        assertThat(credential.at("/data/owner").asText()).isEqualTo("user:" + maxId);

        JsonNode budget = ofType(all, "budget.threshold");
        assertThat(budget.get("workspace_id").asText()).isEqualTo(workspaceId);
        assertThat(budget.at("/data/scope").asText()).isEqualTo("user");
        assertThat(budget.at("/data/owner_id").asText()).isEqualTo(maxId);
        assertThat(budget.at("/data/threshold_percent").asInt()).isEqualTo(50);
        assertThat(budget.at("/data/limit_usd").asText()).isEqualTo("0.001000");
        assertThat(budget.at("/data/spent_usd").asText()).isEqualTo("0.000602"); // $0.0006015, rounded up to the micro-dollar as the ledger does
    }

    @Test
    void everyAlertReachedTheWebhookSignedAndItsDeliveryIsAudited() throws Exception {
        List<WebhookReceiver.Delivery> deliveries = receiver.await(3, WAIT);
        assertThat(deliveries).hasSize(3).allMatch(d -> d.signedWith(SECRET));
        assertThat(deliveries).extracting(d -> d.json().get("id").asText())
                .containsExactlyInAnyOrderElementsOf(alerts("", ADMIN).stream().map(a -> a.get("id").asText()).toList());
        long end = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> audited;
        while ((audited = delivered()).size() < 3 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(audited).hasSize(3).allSatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo("system");
            assertThat(e.get("detail").asText()).isEqualTo("webhook ops: HTTP 200 after 1 attempt");
        });
    }

    private List<JsonNode> delivered() {
        Response r = g.call("GET", "/api/v1/audit?action=alert.delivered", ADMIN, null);
        List<JsonNode> data = new ArrayList<>();
        r.json().get("data").forEach(data::add);
        return data;
    }

    @Test
    void aWorkspaceAdminSeesTheirWorkspacesAlertsAndAMemberNone() {
        assertThat(alerts("", adaKey)).extracting(a -> a.get("type").asText())
                .containsExactlyInAnyOrder("credential.validation_failed", "budget.threshold");
        Response member = g.call("GET", "/api/v1/alerts", maxKey, null);
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.json().at("/error/code").asText()).isEqualTo("forbidden");
    }

    @Test
    void alertsArePagedNewestFirst() {
        List<JsonNode> all = alerts("", ADMIN);
        Response first = g.call("GET", "/api/v1/alerts?limit=2", ADMIN, null);
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        String last = first.json().at("/data/1/id").asText();
        List<JsonNode> rest = alerts("?limit=2&before=" + last, ADMIN);
        assertThat(rest).hasSize(1);
        assertThat(rest.getFirst().get("id").asText()).isEqualTo(all.get(2).get("id").asText());
        assertThat(g.call("GET", "/api/v1/alerts?before=alr_nope", ADMIN, null).status()).isEqualTo(400);
    }

    @Test
    void noKeyIsInAnAlertOrADelivery() {
        String listed = g.call("GET", "/api/v1/alerts", ADMIN, null).body();
        List<String> texts = new ArrayList<>(receiver.received().stream().map(WebhookReceiver.Delivery::body).toList());
        texts.add(listed);
        texts.addAll(g.storedRows().stream().filter(row -> row.startsWith("alerts:")).toList());
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain(SYSTEM_KEY, WRONG_KEY, SECRET, adaKey, maxKey, "deepseekAlertsSystemKey"));
    }
}
