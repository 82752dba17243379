package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.server.config.CacheSettings;
import io.keyroute.server.config.ExactCacheSettings;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.server.config.KeyrouteConfig.TelemetrySettings;
import io.keyroute.server.limits.BudgetGate;
import io.keyroute.server.limits.RateLimitGate;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.telemetry.Telemetry;
import io.keyroute.server.telemetry.TracedGate;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.otlp.OtlpReceiver;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.budget.Budgets;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Traces end to end: a real gateway on loopback with {@code OTEL_EXPORTER_OTLP_ENDPOINT} set to a real
 * OTLP/HTTP receiver (the SDK's own exporter, the official protobuf messages decoded), in front of two
 * fake OpenAI upstreams on route {@code chat} ({@code flaky}, then {@code openai}). Each test reads the spans the
 * exporter actually sent: the tree, the attributes against the provider's counts, the caller's trace
 * continued and the attempt span named in the {@code traceparent} the provider received, and no key
 * in any attribute or event.
 */
class TracingTest {
    private static final String PRIMARY_KEY = "sk-" + "primaryTraceKey0123456789abcdefghijklmnop";
    private static final String SECONDARY_KEY = "sk-" + "secondaryTraceKey0123456789abcdefghijklmn";
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern SECRET = Pattern.compile("(sk-|kr-)[A-Za-z0-9_-]{16,}");
    private static final Caller CALLER = new Caller("key_tr", "user_tr", "ws_tr", null, Set.of(), false,
            new KeyLimits(100, null, null));
    /** A model the catalog prices, as a budget needs: {@code openai} (the second upstream) named directly. */
    private static final String PRICED = "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    private final OtlpReceiver receiver = OtlpReceiver.start();
    private final FakeOpenAi primary = FakeOpenAi.builder().apiKey(PRIMARY_KEY).start();
    private final FakeOpenAi secondary = FakeOpenAi.builder().apiKey(SECONDARY_KEY).start();
    private final LocalBudgets local = LocalBudgets.open(Clock.systemUTC());
    private final Budgets budgets = local.budgets();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Telemetry telemetry;
    private TestGateway keyroute;

    @AfterEach
    void stop() {
        if (keyroute != null) {
            keyroute.close();
        }
        if (telemetry != null) {
            telemetry.close();
        }
        local.close();
        primary.close();
        secondary.close();
        receiver.close();
    }

    /** The environment a deployment would set, as a map: nothing of the JVM's own is changed. */
    private Map<String, String> otel() {
        return Map.of(Telemetry.ENDPOINT, receiver.url(),
                "OTEL_SERVICE_NAME", "keyroute-under-test",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test",
                "OTEL_BSP_SCHEDULE_DELAY", "20",
                "OTEL_METRICS_EXPORTER", "none",
                "OTEL_LOGS_EXPORTER", "none");
    }

    private void start(Map<String, String> env, Caller caller) {
        start(env, caller, TelemetrySettings.DEFAULT);
    }

    private void start(Map<String, String> env, Caller caller, TelemetrySettings settings) {
        start(env, caller, settings, CacheSettings.DEFAULT);
    }

    private void start(Map<String, String> env, Caller caller, TelemetrySettings settings, CacheSettings cache) {
        telemetry = Telemetry.fromEnvironment(env);
        var config = new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 64), null, null,
                List.of(new ProviderSettings("flaky", "openai", primary.baseUrl(), PRIMARY_KEY, 5_000L, 2_000L,
                                Map.of()),
                        new ProviderSettings("openai", "openai", secondary.baseUrl(), SECONDARY_KEY, 5_000L, 2_000L,
                                Map.of())),
                List.of(),
                List.of(new RouteSettings("chat", "fallback", List.of("flaky/gpt-4o-mini"),
                        List.of("openai/gpt-4o-mini"), Map.of())),
                new RetrySettings(2, 1L, 5L, 10, 60_000L), null, null, null, null, null, null, null, null, settings)
                .withCache(cache);
        // The limits as Boot composes them.
        RequestGate gate = TracedGate.of(telemetry, "rate_limit", RateLimitGate.forConfig(config, Clock.systemUTC()))
                .then(TracedGate.of(telemetry, "budget", new BudgetGate(budgets, Clock.systemUTC())));
        keyroute = TestGateway.with(config, caller, gate, telemetry);
    }

    private HttpResponse<String> post(String body, String traceparent) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY)
                .header("Content-Type", "application/json");
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String chat(boolean stream) {
        return "{\"model\":\"chat\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    @Test
    void aRetryAndAFailoverAreSiblingAttemptsUnderTheCallersTraceEachNamedInTheTraceparentItsProviderGot()
            throws Exception {
        start(otel(), CALLER);
        primary.enqueue(Reply.error(503, "overloaded"), Reply.error(503, "still overloaded"));
        secondary.enqueue(Reply.text("hi there").usage(1_234, 56, 1_000, 0).model("gpt-4o-mini-2024-07-18"));

        HttpResponse<String> res = post(chat(false), "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");

        assertThat(res.statusCode()).isEqualTo(200);
        List<Span> spans = receiver.awaitSpans(named("POST /v1/chat/completions"), WAIT);
        Span server = only(spans, "POST /v1/chat/completions");
        assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(hex(server.getTraceId())).isEqualTo(CALLER_TRACE);
        assertThat(hex(server.getParentSpanId())).isEqualTo(CALLER_SPAN);

        List<Span> children = spans.stream().filter(s -> s.getParentSpanId().equals(server.getSpanId())).toList();
        // The key's rate limit took from its bucket: its span. No budget applies: no budget span.
        assertThat(children).extracting(Span::getName).containsExactlyInAnyOrder("keyroute.route",
                "keyroute.limit.rate_limit", "chat gpt-4o-mini", "chat gpt-4o-mini", "chat gpt-4o-mini");
        List<Span> attempts = children.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT)
                .sorted((a, b) -> Long.compare(number(a, "keyroute.attempt"), number(b, "keyroute.attempt"))).toList();
        assertThat(attempts).extracting(s -> text(s, "keyroute.provider.id"))
                .containsExactly("flaky", "flaky", "openai");
        assertThat(attempts).extracting(s -> text(s, "error.type")).containsExactly("503", "503", null);
        assertThat(attempts.get(0).getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        Span served = attempts.get(2);
        assertThat(text(served, "gen_ai.operation.name")).isEqualTo("chat");
        assertThat(text(served, "gen_ai.provider.name")).isEqualTo("openai");
        assertThat(text(served, "gen_ai.request.model")).isEqualTo("gpt-4o-mini");
        assertThat(number(served, "gen_ai.request.max_tokens")).isEqualTo(64);
        assertThat(number(served, "gen_ai.usage.input_tokens")).isEqualTo(1_234);
        assertThat(number(served, "gen_ai.usage.output_tokens")).isEqualTo(56);
        assertThat(number(served, "gen_ai.usage.cache_read.input_tokens")).isEqualTo(1_000);
        assertThat(bool(served, "keyroute.cache_hit")).isTrue();
        assertThat(text(served, "server.address")).isEqualTo("127.0.0.1");
        assertThat(text(served, "keyroute.credential.id")).isEqualTo("system:openai");
        assertThat(text(served, "gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(list(served, "gen_ai.response.finish_reasons")).containsExactly("stop");
        assertThat(attribute(served, "gen_ai.input.messages")).isNull(); // content only when the config asks
        assertThat(attribute(served, "gen_ai.output.messages")).isNull();

        // Each provider got a traceparent in the caller's trace naming the attempt that called it.
        List<RecordedRequest> toPrimary = primary.requests();
        assertThat(toPrimary).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(toPrimary.get(i).header("traceparent"))
                    .isEqualTo(traceparent(CALLER_TRACE, attempts.get(i)));
        }
        assertThat(secondary.requests().getFirst().header("traceparent"))
                .isEqualTo(traceparent(CALLER_TRACE, served));

        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(text(server, "keyroute.request.id")).isEqualTo(record.requestId());
        assertThat(text(server, "keyroute.workspace.id")).isEqualTo("ws_tr");
        assertThat(text(server, "keyroute.user.id")).isEqualTo("user_tr");
        assertThat(text(server, "keyroute.key.id")).isEqualTo("key_tr");
        assertThat(text(server, "keyroute.route")).isEqualTo("chat");
        assertThat(text(server, "keyroute.route.reason")).isEqualTo(record.routeReason());
        assertThat(text(server, "gen_ai.request.model")).isEqualTo("chat");
        assertThat(number(server, "gen_ai.usage.input_tokens")).isEqualTo(1_234);
        assertThat(number(server, "gen_ai.usage.output_tokens")).isEqualTo(56);
        assertThat(number(server, "keyroute.attempts")).isEqualTo(3);
        assertThat(number(server, "http.response.status_code")).isEqualTo(200);
        assertThat(record.costMicros()).isPositive();
        assertThat(attribute(server, "keyroute.cost.usd").getDoubleValue())
                .isEqualTo(record.costMicros() / 1_000_000.0);
        assertThat(attribute(server, "error.type")).isNull();
        Span route = only(spans, "keyroute.route");
        assertThat(list(route, "keyroute.route.targets")).containsExactly("flaky/gpt-4o-mini", "openai/gpt-4o-mini");

        var resource = ((ExportTraceServiceRequest) receiver.exports().getFirst().request())
                .getResourceSpans(0).getResource().getAttributesList();
        assertThat(resource).anySatisfy(kv -> {
            assertThat(kv.getKey()).isEqualTo("service.name");
            assertThat(kv.getValue().getStringValue()).isEqualTo("keyroute-under-test");
        });
        assertThat(resource).anySatisfy(kv -> assertThat(kv.getKey()).isEqualTo("deployment.environment.name"));
        noSecretIn(spans);
    }

    @Test
    void withContentCapturedTheAttemptCarriesThePromptAndTheAnswerWithAnyPastedKeyMasked() throws Exception {
        start(otel(), CALLER, new TelemetrySettings(true));
        primary.enqueue(Reply.text("Paris, of course.").model("gpt-4o-mini-2024-07-18"));
        String pasted = "sk-" + "proj-pastedIntoThePrompt0123456789abcdefXYZ";
        String body = "{\"model\":\"chat\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Capital of France? my key: " + pasted
                + "\"}]}]}";

        assertThat(post(body, null).statusCode()).isEqualTo(200);

        Span attempt = only(receiver.awaitSpans(named("chat gpt-4o-mini"), WAIT), "chat gpt-4o-mini");
        String prompt = text(attempt, "gen_ai.input.messages");
        assertThat(Json.MAPPER.readTree(prompt)).hasSize(2);
        assertThat(Json.MAPPER.readTree(prompt).get(0).toString())
                .isEqualTo("{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be brief.\"}]}");
        assertThat(prompt).contains("Capital of France? my key: ").doesNotContain(pasted);
        assertThat(Json.MAPPER.readTree(text(attempt, "gen_ai.output.messages")).toString()).isEqualTo(
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Paris, of course.\"}],"
                        + "\"finish_reason\":\"stop\"}]");
        assertThat(text(attempt, "gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
    }

    @Test
    void anAnswerFromTheCacheSaysSoWithWhatItSavedAndMakesNoAttempt() throws Exception {
        start(otel(), CALLER, TelemetrySettings.DEFAULT, new CacheSettings(new ExactCacheSettings(true, 60L), null));
        String body = "{\"model\":\"openai/gpt-4o-mini\",\"temperature\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
        secondary.enqueue(Reply.text("hi").usage(1_000_000, 500_000, 0, 0));

        assertThat(post(body, null).headers().firstValue("x-keyroute-cache")).contains("miss");
        HttpResponse<String> second = post(body, null);
        assertThat(second.headers().firstValue("x-keyroute-cache")).contains("hit");

        List<Span> spans = receiver.awaitSpans(s -> s.stream()
                .filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER).count() == 2, WAIT);
        List<Span> servers = spans.stream().filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER).toList();
        Span miss = servers.stream().filter(span -> "miss".equals(text(span, "keyroute.cache"))).findFirst()
                .orElseThrow();
        Span hit = servers.stream().filter(span -> "hit".equals(text(span, "keyroute.cache"))).findFirst()
                .orElseThrow();
        assertThat(number(miss, "keyroute.attempts")).isEqualTo(1);
        assertThat(attribute(miss, "keyroute.cache.saved_usd")).isNull();
        assertThat(number(hit, "keyroute.attempts")).isZero();
        assertThat(decimal(hit, "keyroute.cache.saved_usd")).isEqualTo(decimal(miss, "keyroute.cost.usd")).isPositive();
        assertThat(spans.stream().filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT)).hasSize(1);
        noSecretIn(spans);
    }

    @Test
    void aStreamsAttemptMarksItsFirstTokenAndCarriesTheProvidersCounts() throws Exception {
        start(otel(), CALLER);
        primary.enqueue(Reply.chunks("Hel", "lo", " world").usage(321, 3, 0, 0).model("gpt-4o-mini-2024-07-18"));

        HttpResponse<String> res = post(chat(true), null);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("[DONE]");
        List<Span> spans = receiver.awaitSpans(named("POST /v1/chat/completions"), WAIT);
        Span server = only(spans, "POST /v1/chat/completions");
        assertThat(server.getParentSpanId().isEmpty()).isTrue(); // no traceparent: a trace of its own
        Span attempt = only(spans, "chat gpt-4o-mini");
        assertThat(attempt.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(attempt.getEventsList()).extracting(Span.Event::getName).containsExactly("keyroute.first_token");
        long firstToken = attempt.getEvents(0).getTimeUnixNano();
        assertThat(firstToken).isBetween(attempt.getStartTimeUnixNano(), attempt.getEndTimeUnixNano());
        assertThat(number(attempt, "gen_ai.usage.input_tokens")).isEqualTo(321);
        assertThat(number(attempt, "gen_ai.usage.output_tokens")).isEqualTo(3);
        assertThat(bool(attempt, "keyroute.cache_hit")).isFalse();
        assertThat(text(attempt, "gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(list(attempt, "gen_ai.response.finish_reasons")).containsExactly("stop");
        assertThat(bool(server, "keyroute.stream")).isTrue();
        assertThat(number(server, "gen_ai.usage.input_tokens")).isEqualTo(321);
        assertThat(primary.requests().getFirst().header("traceparent"))
                .isEqualTo(traceparent(hex(server.getTraceId()), attempt));
        noSecretIn(spans);
    }

    @Test
    void anAnthropicShapedStreamNamesItsModelAndStopReasonFromItsOwnEvents() throws Exception {
        start(otel(), CALLER);
        primary.enqueue(Reply.chunks("Bon", "jour").usage(40, 2, 0, 0).model("gpt-4o-mini-2024-07-18"));
        String body = "{\"model\":\"chat\",\"max_tokens\":20,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(keyroute.baseUrl() + "/messages"))
                .header("x-api-key", TestGateway.KEYROUTE_KEY).header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("event: message_delta");
        Span attempt = only(receiver.awaitSpans(named("POST /v1/messages"), WAIT), "chat gpt-4o-mini");
        assertThat(text(attempt, "gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(list(attempt, "gen_ai.response.finish_reasons")).containsExactly("end_turn");
        assertThat(number(attempt, "gen_ai.request.max_tokens")).isEqualTo(20);
    }

    @Test
    void aRefusalByARateLimitIsRecordedOnItsSpanAndTheRequestsWithItsTypeAndNoAttemptIsMade() throws Exception {
        start(otel(), new Caller("key_rl", "user_rl", "ws_rl", null, Set.of(), false, new KeyLimits(1, null, null)));
        primary.enqueue(Reply.text("first"));
        assertThat(post(chat(false), null).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = post(chat(false), null);

        assertThat(refused.statusCode()).isEqualTo(429);
        List<Span> spans = receiver.awaitSpans(
                s -> s.stream().filter(x -> x.getName().equals("POST /v1/chat/completions")).count() == 2, WAIT);
        Span server = spans.stream().filter(s -> s.getName().equals("POST /v1/chat/completions"))
                .filter(s -> "rate_limited".equals(text(s, "error.type"))).findFirst().orElseThrow();
        assertThat(number(server, "http.response.status_code")).isEqualTo(429);
        assertThat(server.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        List<Span> children = spans.stream().filter(s -> s.getParentSpanId().equals(server.getSpanId())).toList();
        assertThat(children).extracting(Span::getName).containsExactlyInAnyOrder("keyroute.route",
                "keyroute.limit.rate_limit");
        Span limit = only(children, "keyroute.limit.rate_limit");
        assertThat(text(limit, "error.type")).isEqualTo("rate_limited");
        assertThat(primary.requests()).hasSize(1);
    }

    @Test
    void aKeyWithoutLimitsOrBudgetMakesNoLimitSpanOnlyTheRequestsRouteAndAttempt() throws Exception {
        start(otel(), new Caller("key_free", "user_free", "ws_free", null, Set.of(), false, KeyLimits.NONE));
        primary.enqueue(Reply.text("hi"));

        assertThat(post(chat(false), null).statusCode()).isEqualTo(200);

        List<Span> spans = receiver.awaitSpans(named("POST /v1/chat/completions"), WAIT);
        Span server = only(spans, "POST /v1/chat/completions");
        assertThat(spans).extracting(Span::getName).containsExactlyInAnyOrder("POST /v1/chat/completions",
                "keyroute.route", "chat gpt-4o-mini");
        assertThat(spans).filteredOn(s -> s != server)
                .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(server.getSpanId()));
    }

    @Test
    void aBudgetThatHoldsAReservationHasItsSpanWithinTheRequestsAndBeforeTheAttempt() throws Exception {
        start(otel(), new Caller("key_b", "user_b", "ws_b", null, Set.of(), false,
                new KeyLimits(null, null, 5_000_000L)));
        secondary.enqueue(Reply.text("hi").usage(10, 2, 0, 0));

        assertThat(post(PRICED, null).statusCode()).isEqualTo(200);

        List<Span> spans = receiver.awaitSpans(named("POST /v1/chat/completions"), WAIT);
        Span server = only(spans, "POST /v1/chat/completions");
        assertThat(spans).extracting(Span::getName).containsExactlyInAnyOrder("POST /v1/chat/completions",
                "keyroute.route", "keyroute.limit.budget", "chat gpt-4o-mini");
        Span budget = only(spans, "keyroute.limit.budget");
        assertThat(budget.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(text(budget, "keyroute.limit")).isEqualTo("budget");
        assertThat(attribute(budget, "error.type")).isNull();
        // Made after the check, with the time the check began: it lies inside the request, before the attempt.
        Span attempt = only(spans, "chat gpt-4o-mini");
        assertThat(budget.getStartTimeUnixNano()).isBetween(server.getStartTimeUnixNano(), budget.getEndTimeUnixNano());
        assertThat(budget.getEndTimeUnixNano()).isLessThanOrEqualTo(attempt.getStartTimeUnixNano());
    }

    @Test
    void aBudgetThatRefusesHasItsSpanWithTheRefusalsType() throws Exception {
        start(otel(), new Caller("key_poor", "user_poor", "ws_poor", null, Set.of(), false,
                new KeyLimits(null, null, 1L)));

        HttpResponse<String> refused = post(PRICED, null);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        List<Span> spans = receiver.awaitSpans(named("POST /v1/chat/completions"), WAIT);
        assertThat(spans).extracting(Span::getName).containsExactlyInAnyOrder("POST /v1/chat/completions",
                "keyroute.route", "keyroute.limit.budget");
        Span budget = only(spans, "keyroute.limit.budget");
        assertThat(text(budget, "error.type")).isEqualTo("budget_exceeded");
        assertThat(budget.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(budget.getStartTimeUnixNano()).isLessThanOrEqualTo(budget.getEndTimeUnixNano());
        assertThat(secondary.requests()).isEmpty();
    }

    @Test
    void aManagementCallIsAServerSpanNamedByItsResourceNotItsIdsUnderTheCallersTrace() throws Exception {
        start(otel(), CALLER);

        HttpResponse<String> providers = get("/api/v1/providers");
        HttpResponse<String> budget = get("/api/v1/workspaces/ws_someone/budget");

        List<Span> spans = receiver.awaitSpans(s -> s.size() >= 2, WAIT);
        Span listed = only(spans, "GET /api/v1/providers");
        assertThat(listed.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(hex(listed.getTraceId())).isEqualTo(CALLER_TRACE);
        assertThat(hex(listed.getParentSpanId())).isEqualTo(CALLER_SPAN);
        assertThat(number(listed, "http.response.status_code")).isEqualTo(providers.statusCode());
        Span workspace = only(spans, "GET /api/v1/workspaces");
        assertThat(number(workspace, "http.response.status_code")).isEqualTo(budget.statusCode());
        noSecretIn(spans);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keyroute.gateway.port() + path))
                .header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY)
                .header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutAnEndpointNothingIsExportedAndNoTraceparentIsSentUpstream() throws Exception {
        start(Map.of("OTEL_SERVICE_NAME", "keyroute-under-test"), CALLER);
        primary.enqueue(Reply.text("hi"));

        HttpResponse<String> res = post(chat(false), "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");

        assertThat(res.statusCode()).isEqualTo(200);
        keyroute.awaitRecord(1);
        assertThat(telemetry.enabled()).isFalse();
        assertThat(primary.requests().getFirst().header("traceparent")).isNull();
        assertThat(receiver.exports()).isEmpty();
    }

    /** No attribute of any span or event, nor any name, carries a provider key or a Keyroute key. */
    private static void noSecretIn(List<Span> spans) {
        assertThat(spans).isNotEmpty();
        List<String> texts = spans.stream().flatMap(span -> Stream.concat(
                Stream.of(span.getName(), span.getStatus().getMessage()),
                Stream.concat(span.getAttributesList().stream(),
                        span.getEventsList().stream().flatMap(e -> e.getAttributesList().stream()))
                        .map(kv -> kv.getValue().toString()))).toList();
        assertThat(texts).noneMatch(t -> t.contains(PRIMARY_KEY) || t.contains(SECONDARY_KEY)
                || t.contains(TestGateway.KEYROUTE_KEY) || SECRET.matcher(t).find());
    }

    /** The W3C header naming {@code parent}: sampled, with the trace id's random flag where the trace began here. */
    private static String traceparent(String traceId, Span parent) {
        return "00-" + traceId + "-" + hex(parent.getSpanId()) + "-" + HexFormat.of().toHexDigits((byte) parent.getFlags());
    }

    private static Predicate<List<Span>> named(String name) {
        return spans -> spans.stream().anyMatch(s -> s.getName().equals(name));
    }

    private static Span only(List<Span> spans, String name) {
        List<Span> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name).hasSize(1);
        return named.getFirst();
    }

    private static AnyValue attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue)
                .findFirst().orElse(null);
    }

    private static String text(Span span, String key) {
        AnyValue value = attribute(span, key);
        return value == null ? null : value.getStringValue();
    }

    private static long number(Span span, String key) {
        AnyValue value = attribute(span, key);
        assertThat(value).as(key + " on " + span.getName()).isNotNull();
        return value.getIntValue();
    }

    private static double decimal(Span span, String key) {
        AnyValue value = attribute(span, key);
        assertThat(value).as(key + " on " + span.getName()).isNotNull();
        return value.getDoubleValue();
    }

    private static boolean bool(Span span, String key) {
        AnyValue value = attribute(span, key);
        assertThat(value).as(key + " on " + span.getName()).isNotNull();
        return value.getBoolValue();
    }

    private static List<String> list(Span span, String key) {
        return attribute(span, key).getArrayValue().getValuesList().stream().map(AnyValue::getStringValue).toList();
    }

    private static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }
}
