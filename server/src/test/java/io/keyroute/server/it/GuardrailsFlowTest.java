package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.AppliesTo;
import io.keyroute.server.config.KeyrouteConfig.GuardrailSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.guardrails.Guardrail;
import io.keyroute.server.guardrails.GuardrailTypes;
import io.keyroute.server.guardrails.TestDetectors;
import io.keyroute.server.guardrails.onnx.TinyOnnxModels;
import io.keyroute.server.ops.GatewayMetrics;
import io.keyroute.server.policy.PolicySettings;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Guardrails in the inference flow, end to end on loopback: a real gateway in front of the fake
 * OpenAI and Anthropic, each API (Chat Completions, Messages, Responses) and the paths that forward the
 * caller's bytes (OpenAI to OpenAI, Anthropic to Anthropic, Responses to OpenAI) as well as translated
 * ones. What the fake received is the proof that a redacted value never left.
 */
class GuardrailsFlowTest {
    private static final String EMAIL = "jane.doe@example.com";
    private static final String SAYS = "Write to " + EMAIL + " about the invoice.";
    private static final String OPENAI = "openai/gpt-4o-mini";
    private static final String CLAUDE = "anthropic/claude-haiku-4-5";

    private final FakeOpenAi openai = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
    private final FakeAnthropic anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final List<RequestRecord> records = new CopyOnWriteArrayList<>();
    private final CountDownLatch hangs = new CountDownLatch(1);
    private Gateway gateway;

    @AfterEach
    void close() {
        hangs.countDown();
        if (gateway != null) {
            gateway.close();
        }
        anthropic.close();
        openai.close();
    }

    @Test
    void aRedactedEmailNeverReachesTheProviderOnAnyApiOrPassThrough() throws Exception {
        start(pii("redact", false));

        // Chat Completions to OpenAI (the caller's bytes forwarded) and to Anthropic (translated)
        assertThat(post("/v1/chat/completions", chat(OPENAI, false)).statusCode()).isEqualTo(200);
        assertRedacted(openai.lastRequest());
        assertThat(post("/v1/chat/completions", chat(CLAUDE, false)).statusCode()).isEqualTo(200);
        assertRedacted(anthropic.lastRequest());
        // Messages to Anthropic (forwarded) and to OpenAI (translated)
        assertThat(post("/v1/messages", messages(CLAUDE, false)).statusCode()).isEqualTo(200);
        assertRedacted(anthropic.lastRequest());
        assertThat(post("/v1/messages", messages(OPENAI, false)).statusCode()).isEqualTo(200);
        assertRedacted(openai.lastRequest());
        // Responses to OpenAI's own Responses API (forwarded) and to Anthropic (translated)
        assertThat(post("/v1/responses", responses(OPENAI, false)).statusCode()).isEqualTo(200);
        assertRedacted(openai.lastRequest());
        assertThat(openai.lastRequest().path()).endsWith("/responses");
        assertThat(post("/v1/responses", responses(CLAUDE, false)).statusCode()).isEqualTo(200);
        assertRedacted(anthropic.lastRequest());
        // and streamed requests the same
        post("/v1/chat/completions", chat(OPENAI, true));
        assertRedacted(openai.lastRequest());
        post("/v1/messages", messages(CLAUDE, true));
        assertRedacted(anthropic.lastRequest());
        post("/v1/responses", responses(OPENAI, true));
        assertRedacted(openai.lastRequest());
    }

    @Test
    void placeholdersAreRestoredInTheAnswerWholeAndStreamedAcrossChunks() throws Exception {
        start(pii("redact", true));
        openai.enqueue(Reply.text("I wrote to <EMAIL_1> today."));
        HttpResponse<String> whole = post("/v1/chat/completions", chat(OPENAI, false));
        assertThat(Json.MAPPER.readTree(whole.body()).at("/choices/0/message/content").asText())
                .isEqualTo("I wrote to " + EMAIL + " today.");
        assertRedacted(openai.lastRequest());

        openai.enqueue(Reply.chunks("I wrote to <EM", "AIL_", "1> to", "day."));
        String chatStream = post("/v1/chat/completions", chat(OPENAI, true)).body();
        assertThat(chatText(chatStream)).isEqualTo("I wrote to " + EMAIL + " today.");

        anthropic.enqueue(Reply.chunks("Mail <EMAIL", "_1> now"));
        String messagesStream = post("/v1/messages", messages(CLAUDE, true)).body();
        assertThat(messagesText(messagesStream)).isEqualTo("Mail " + EMAIL + " now");

        openai.enqueue(Reply.chunks("Mail <EMAIL", "_1> now"));
        String responsesStream = post("/v1/responses", responses(OPENAI, true)).body();
        assertThat(responsesText(responsesStream)).isEqualTo("Mail " + EMAIL + " now");
        assertThat(sequenceNumbers(responsesStream)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void anEmailTheModelWritesIsRedactedInTheStreamEvenSplitAcrossChunks() throws Exception {
        start(new GuardrailSettings("pii", "pii", List.of("output"), "redact", List.of(), null, null, null, null, null));
        openai.enqueue(Reply.chunks("Ask bob.", "smith@exam", "ple.org please"));
        String stream = post("/v1/chat/completions", chat(OPENAI, true)).body();
        assertThat(chatText(stream)).isEqualTo("Ask <EMAIL_1> please").doesNotContain("smith");
        assertThat(stream).doesNotContain("exam");
    }

    @Test
    void aBlockIsA400InEachApisShapeBeforeAnyStreamAndNothingIsSent() throws Exception {
        start(pii("block", false));
        HttpResponse<String> chat = post("/v1/chat/completions", chat(OPENAI, true));
        HttpResponse<String> messages = post("/v1/messages", messages(CLAUDE, true));
        HttpResponse<String> responses = post("/v1/responses", responses(OPENAI, true));

        for (HttpResponse<String> refused : List.of(chat, messages, responses)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            assertThat(refused.body()).contains("blocked by guardrail 'pii'").doesNotContain(EMAIL);
        }
        assertThat(Json.MAPPER.readTree(chat.body()).at("/error/code").asText()).isEqualTo("guardrail_blocked");
        assertThat(Json.MAPPER.readTree(messages.body()).path("type").asText()).isEqualTo("error");
        assertThat(Json.MAPPER.readTree(messages.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(Json.MAPPER.readTree(responses.body()).at("/error/code").asText()).isEqualTo("guardrail_blocked");
        assertThat(openai.requests()).isEmpty();
        assertThat(anthropic.requests()).isEmpty();
    }

    @Test
    void aDetectorThatThrowsPassesWhenOpenAndRefusesWhenClosedAndItsTextIsNeverLogged() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var logs = new ListAppender<ILoggingEvent>();
        logs.start();
        root.addAppender(logs);
        try {
            start(GuardrailTypes.builtIn().with("pii", s -> Guardrail.of(TestDetectors.throwing()))
                            .with("secrets", s -> Guardrail.of(TestDetectors.throwing())),
                    new GuardrailSettings("lenient", "pii", List.of("input"), "block", null, "open", null, null, null, null));
            assertThat(post("/v1/chat/completions", chat(OPENAI, false)).statusCode()).isEqualTo(200);

            gateway.apply(config(List.of(new GuardrailSettings("strict", "secrets", List.of("input"), "block", null,
                    "closed", null, null, null, null))));
            HttpResponse<String> refused = post("/v1/chat/completions", chat(OPENAI, false));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(Json.MAPPER.readTree(refused.body()).at("/error/code").asText()).isEqualTo("guardrail_unavailable");
            assertThat(refused.body()).contains("'strict'").doesNotContain(EMAIL);
        } finally {
            root.detachAppender(logs);
        }
        assertThat(openai.requests()).hasSize(1);
        for (ILoggingEvent event : logs.list) {
            String all = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(all).doesNotContain(EMAIL);
        }
        assertThat(metrics.scrape()).contains("keyroute_guardrail_errors_total{place=\"input\",reason=\"error\",step=\"lenient\"} 1.0");
    }

    @Test
    void aDetectorThatHangsIsAbandonedAtItsTimeout() throws Exception {
        start(GuardrailTypes.builtIn().with("http", s -> Guardrail.remote(TestDetectors.hanging(hangs))),
                new GuardrailSettings("slow-open", "http", List.of("input"), "block", null, "open", null, 200L, null, null));
        assertThat(post("/v1/chat/completions", chat(OPENAI, false)).statusCode()).isEqualTo(200);

        gateway.apply(config(List.of(new GuardrailSettings("slow-closed", "http", List.of("input"), "block", null,
                "closed", null, 200L, null, null))));
        HttpResponse<String> refused = post("/v1/chat/completions", chat(OPENAI, false));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("guardrail_unavailable").contains("'slow-closed'");
        assertThat(openai.requests()).hasSize(1);
        assertThat(metrics.scrape()).contains("keyroute_guardrail_errors_total{place=\"input\",reason=\"timeout\",step=\"slow-closed\"} 1.0");
    }

    @Test
    void aRealHttpCheckerBlocksAndItsFailuresFollowOnError() throws Exception {
        try (var checker = new io.keyroute.testkit.checkers.FakeChecker(text -> text.contains("forbidden")
                ? "{\"action\":\"block\",\"category\":\"policy\"}" : "{\"action\":\"allow\"}")) {
            var options = Map.<String, Object>of("url", checker.url());
            start(new GuardrailSettings("checker", "http", List.of("input"), "block", null, "open", null, 2000L, null, options));
            assertThat(post("/v1/chat/completions", chat(OPENAI, false)).statusCode()).isEqualTo(200);
            HttpResponse<String> blocked = post("/v1/chat/completions", chat(OPENAI, false).replace(SAYS, "forbidden words"));
            assertThat(blocked.statusCode()).isEqualTo(400);
            assertThat(blocked.body()).contains("guardrail_blocked").contains("'checker'").doesNotContain("forbidden");

            checker.failNext(500);
            assertThat(post("/v1/chat/completions", chat(OPENAI, false)).statusCode()).as("open passes").isEqualTo(200);

            gateway.apply(config(List.of(new GuardrailSettings("checker", "http", List.of("input"), "block", null,
                    "closed", null, 2000L, null, options))));
            checker.failNext(500);
            HttpResponse<String> refused = post("/v1/chat/completions", chat(OPENAI, false));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("guardrail_unavailable");
            assertThat(openai.requests()).hasSize(2);
        }
    }

    @Test
    void aGuardrailChecksOnlyTheRoutesModelsAndWorkspacesItAppliesTo() throws Exception {
        start(new GuardrailSettings("pii", "pii", List.of("input"), "block", null, null,
                new AppliesTo(null, List.of("chat"), null), null, null, null));
        assertThat(post("/v1/chat/completions", chat("chat", false)).statusCode()).isEqualTo(400);
        assertThat(post("/v1/chat/completions", chat(OPENAI, false)).statusCode()).isEqualTo(200);

        gateway.apply(config(List.of(new GuardrailSettings("pii", "pii", List.of("input"), "block", null, null,
                new AppliesTo(null, null, List.of(CLAUDE)), null, null, null))));
        assertThat(post("/v1/chat/completions", chat(CLAUDE, false)).statusCode()).isEqualTo(400);
        assertThat(post("/v1/chat/completions", chat(OPENAI, false)).statusCode()).isEqualTo(200);

        gateway.apply(config(List.of(new GuardrailSettings("pii", "pii", List.of("input"), "block", null, null,
                new AppliesTo(List.of("ws_other"), null, null), null, null, null))));
        assertThat(post("/v1/chat/completions", chat(OPENAI, false)).statusCode()).isEqualTo(200);
    }

    @Test
    void theSecretsStepBlocksACloudKeyWithNoFurtherConfiguration() throws Exception {
        start(new GuardrailSettings("secrets", "secrets", null, null, null, null, null, null, null, null));
        String pasted = chat(OPENAI, true).replace(SAYS, "my .env: AWS_ACCESS_KEY_ID=AKIA" + "Z7QW3RT5YU8IOP2L");
        HttpResponse<String> refused = post("/v1/chat/completions", pasted);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("guardrail_blocked").contains("'secrets'").doesNotContain("Z7QW3RT5YU8IOP2L");
        assertThat(openai.requests()).isEmpty();
        assertThat(post("/v1/chat/completions", chat(OPENAI, false)).statusCode()).isEqualTo(200);
    }

    @Test
    void anOperatorsOnnxClassifierBlocksWhatNoHeuristicKnows(@TempDir Path dir) throws Exception {
        Path model = TinyOnnxModels.bagOfWords(dir, Map.of("kumquat", 4f), -2f);
        start(new GuardrailSettings("pi", "prompt_injection", List.of("input"), "block", null, "closed", null, null, null,
                Map.of("model", model.toString(), "classifier_threshold", 0.8)));

        HttpResponse<String> refused = post("/v1/messages", messages(CLAUDE, false).replace(SAYS, "Kumquat protocol engaged."));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("blocked by guardrail 'pi'").doesNotContain("umquat");
        assertThat(anthropic.requests()).isEmpty();
        assertThat(post("/v1/messages", messages(CLAUDE, false)).statusCode()).isEqualTo(200);
        assertThat(metrics.scrape()).contains("keyroute_guardrail_verdicts_total{action=\"block\",place=\"input\",step=\"pi\"} 1.0");
    }

    @Test
    void policiesReadTheInputGuardrailsVerdicts() throws Exception {
        start(pii("log", false));
        KeyrouteConfig logged = gateway.runtime().config();
        gateway.apply(new KeyrouteConfig(logged.server(), logged.database(), logged.redis(), logged.providers(),
                logged.models(), logged.routes(), logged.retry(), logged.plans(), logged.security(), logged.metrics(),
                logged.circuitBreaker(), logged.responses(), logged.aliases(), logged.alerts(),
                List.of(new PolicySettings("no-mail-addresses", "'pii' in guardrails && guardrails.pii.action == 'log'"
                        + " && guardrails.pii.entities.email > 0", "deny", null)), logged.telemetry(), logged.guardrails()));

        HttpResponse<String> denied = post("/v1/chat/completions", chat(OPENAI, false));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("policy_denied").contains("no-mail-addresses").doesNotContain(EMAIL);
        assertThat(post("/v1/chat/completions", chat(OPENAI, false).replace(EMAIL, "the team")).statusCode())
                .isEqualTo(200);
        assertThat(openai.requests()).hasSize(1);
    }

    @Test
    void noMatchedValueIsInMetricsOrRecords() throws Exception {
        start(pii("redact", true));
        post("/v1/chat/completions", chat(OPENAI, false));
        post("/v1/chat/completions", chat(OPENAI, true));
        String scraped = metrics.scrape();
        assertThat(scraped).contains("keyroute_guardrail_redactions_total{entity=\"email\",step=\"pii\"} 2.0")
                .contains("keyroute_guardrail_verdicts_total{action=\"redact\",place=\"input\",step=\"pii\"} 2.0")
                .doesNotContain(EMAIL).doesNotContain("jane");
        assertThat(records.toString()).doesNotContain(EMAIL);
    }

    private void start(GuardrailSettings... guardrails) {
        start(GuardrailTypes.builtIn(), guardrails);
    }

    private void start(GuardrailTypes types, GuardrailSettings... guardrails) {
        var auth = new StaticTokenAuthenticator(Map.of(TokenHash.of(Secret.of(TestGateway.KEYROUTE_KEY)),
                new Caller("key_test", "user_test", "ws_test", null, java.util.Set.of(), false)));
        gateway = Gateway.builder(config(List.of(guardrails)), auth).guardrailTypes(types).metrics(metrics)
                .usage(metrics.usage().andThen(records::add)).start();
    }

    private KeyrouteConfig config(List<GuardrailSettings> guardrails) {
        return TestGateway.threeProviders(openai.baseUrl(), anthropic.baseUrl(), "http://127.0.0.1:9",
                List.of(new RouteSettings("chat", "fallback", List.of(OPENAI), List.of(), Map.of())))
                .withGuardrails(guardrails);
    }

    private static GuardrailSettings pii(String action, boolean restore) {
        return new GuardrailSettings("pii", "pii", List.of("input", "output"), action, List.of("email"), "closed",
                null, null, restore, null);
    }

    private static void assertRedacted(RecordedRequest sent) {
        assertThat(sent.bodyText()).doesNotContain(EMAIL).contains("<EMAIL_1>");
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"max_tokens\":50,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"" + SAYS + "\"}]}";
    }

    private static String messages(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"max_tokens\":50,\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + SAYS + "\"}]}]}";
    }

    private static String responses(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"input\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"input_text\",\"text\":\"" + SAYS + "\"}]}]}";
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY)
                .header("Content-Type", "application/json").header("anthropic-version", "2023-06-01")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Each {@code data:} line's JSON, in order (not {@code [DONE]}). */
    private static List<JsonNode> events(String sse) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                events.add(Json.MAPPER.readTree(line.substring(6)));
            }
        }
        return events;
    }

    private static String chatText(String sse) throws Exception {
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events(sse)) {
            JsonNode content = event.at("/choices/0/delta/content");
            if (content.isTextual()) {
                text.append(content.asText());
            }
        }
        return text.toString();
    }

    private static String messagesText(String sse) throws Exception {
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events(sse)) {
            if ("content_block_delta".equals(event.path("type").asText())) {
                text.append(event.at("/delta/text").asText());
            }
        }
        return text.toString();
    }

    /** The deltas joined, checked against the text the done event repeats. */
    private static String responsesText(String sse) throws Exception {
        StringBuilder text = new StringBuilder();
        String done = null;
        for (JsonNode event : events(sse)) {
            switch (event.path("type").asText()) {
                case "response.output_text.delta" -> text.append(event.path("delta").asText());
                case "response.output_text.done" -> done = event.path("text").asText();
                default -> { }
            }
        }
        assertThat(done).isEqualTo(text.toString());
        return text.toString();
    }

    private static List<Long> sequenceNumbers(String sse) throws Exception {
        return events(sse).stream().map(e -> e.path("sequence_number").asLong()).toList();
    }
}
