package io.keyroute.server.inference;

import io.keyroute.server.auth.Caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import io.helidon.http.Headers;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.catalog.Target;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.usage.RequestRecord;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.limits.InFlightLimits;
import io.keyroute.server.limits.MemoryPressure;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.runtime.RuntimeFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class InferenceFlowTest {
    private static final Outcome ANSWERED = new Outcome(null, 200, null, 0, "ok");

    private final List<String> trace = new CopyOnWriteArrayList<>();

    /** A step that notes its name on the way in and, with a slash, on the way out. */
    private Step traced(String name) {
        return exchange -> {
            trace.add(name);
            try {
                return exchange.proceed();
            } finally {
                trace.add("/" + name);
            }
        };
    }

    private Step answers(String name) {
        return exchange -> {
            trace.add(name);
            return ANSWERED;
        };
    }

    private Outcome run(InferenceFlow flow) {
        return flow.exchange(new Refused(WireFormat.OPENAI_CHAT), null).proceed();
    }

    @Test
    void stepsRunInTheirListOrderAndReturnInReverse() {
        var flow = new InferenceFlow(List.of(traced("in-flight"), traced("books"), traced("auth"), answers("attempts")));

        assertThat(run(flow)).isSameAs(ANSWERED);
        assertThat(trace).containsExactly("in-flight", "books", "auth", "attempts", "/auth", "/books", "/in-flight");
    }

    @Test
    void aStepThatAnswersWithoutProceedingEndsTheFlowThere() {
        var flow = new InferenceFlow(List.of(traced("books"), answers("cache"), answers("attempts")));

        assertThat(run(flow)).isSameAs(ANSWERED);
        assertThat(trace).containsExactly("books", "cache", "/books");
    }

    @Test
    void aStepThatRefusesEndsTheFlowAndTheStepsBeforeItSeeTheRefusal() {
        var flow = new InferenceFlow(List.of(traced("books"), exchange -> {
            throw ClientError.badRequest("guardrail_refused", "Refused by policy.", null);
        }, answers("attempts")));

        assertThatThrownBy(() -> run(flow)).isInstanceOf(ClientError.class).hasMessage("Refused by policy.");
        assertThat(trace).containsExactly("books", "/books");
    }

    @Test
    void theLastStepHasNoNextToProceedTo() {
        var flow = new InferenceFlow(List.of(traced("books"), traced("attempts")));

        assertThatThrownBy(() -> run(flow)).isInstanceOf(IllegalStateException.class);
        assertThat(trace).containsExactly("books", "attempts", "/attempts", "/books");
    }

    @Test
    void eachRequestRunsTheFlowFromItsFirstStep() {
        var flow = new InferenceFlow(List.of(traced("books"), answers("attempts")));

        run(flow);
        run(flow);

        assertThat(trace).containsExactly("books", "attempts", "/books", "books", "attempts", "/books");
    }

    /**
     * Through HTTP, with the flow's real outer steps: a refusal by a step before the attempts is
     * answered in the endpoint's own API shape, with the request id, and accounted once; the steps
     * after it never run and the in-flight pass is given back.
     */
    @Test
    void aRefusalIsAnsweredInTheCallersApiShapeAndRecordedOnce() throws Exception {
        var records = new CopyOnWriteArrayList<RequestRecord>();
        var limits = new InFlightLimits(8, 8, 1 << 20, MemoryPressure.ofThisJvm());
        GatewayRuntime runtime = new RuntimeFactory(Clock.systemUTC()).build(config());
        var flow = new InferenceFlow(List.of(new HoldInFlight(limits), new KeepBooks(() -> runtime, records::add),
                traced("guardrail"), exchange -> {
                    throw ClientError.badRequest("guardrail_refused", "Refused by policy.", null);
                }, answers("attempts")));
        WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.post("/messages", flow.handler(new Refused(WireFormat.ANTHROPIC_MESSAGES)))
                        .post("/chat", flow.handler(new Refused(WireFormat.OPENAI_CHAT))))
                .build().start();
        try {
            HttpResponse<String> messages = post(server, "/messages");
            HttpResponse<String> chat = post(server, "/chat");

            assertThat(messages.statusCode()).isEqualTo(400);
            JsonNode anthropic = Json.MAPPER.readTree(messages.body());
            assertThat(anthropic.path("type").asText()).isEqualTo("error");
            assertThat(anthropic.path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(anthropic.path("error").path("message").asText()).isEqualTo("Refused by policy.");

            assertThat(chat.statusCode()).isEqualTo(400);
            JsonNode openAi = Json.MAPPER.readTree(chat.body()).path("error");
            assertThat(openAi.path("code").asText()).isEqualTo("guardrail_refused");
            assertThat(openAi.path("message").asText()).isEqualTo("Refused by policy.");

            assertThat(trace).containsExactly("guardrail", "/guardrail", "guardrail", "/guardrail");
            // A record is made, and the pass given back, just after the answer is sent.
            await(() -> records.size() >= 2 && limits.inFlight() == 0);
            assertThat(records).hasSize(2);
            assertThat(records).extracting(RequestRecord::status).containsOnly(400);
            assertThat(records).extracting(RequestRecord::outcome).containsOnly("error");
            assertThat(records).extracting(RequestRecord::requestId).containsExactly(
                    messages.headers().firstValue("x-keyroute-request-id").orElseThrow(),
                    chat.headers().firstValue("x-keyroute-request-id").orElseThrow());
            assertThat(limits.inFlight()).isZero();
        } finally {
            server.stop();
        }
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 200 && !done.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
    }

    private static HttpResponse<String> post(WebServer server, String path) throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static KeyrouteConfig config() {
        return new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 256), null, null,
                List.of(new ProviderSettings("openai", "openai", "http://127.0.0.1:9", "sk-test", 5_000L, 2_000L,
                        Map.of())),
                List.of(), List.of(), new RetrySettings(2, 1L, 5L), null, null);
    }

    /** An endpoint whose requests never get past the step that refuses them: only its API shape is asked for. */
    private record Refused(WireFormat format) implements Endpoint<String> {
        @Override
        public String parse(Caller caller, Headers headers, byte[] body) {
            throw new AssertionError("not reached");
        }

        @Override
        public String model(String request) {
            throw new AssertionError("not reached");
        }

        @Override
        public boolean streams(String request) {
            throw new AssertionError("not reached");
        }

        @Override
        public ChatShape shape(String request) {
            throw new AssertionError("not reached");
        }

        @Override
        public ChatRequest chat(String request) {
            throw new AssertionError("not reached");
        }

        @Override
        public ChatRequest chatFor(String request, Provider provider, Credential credential) {
            throw new AssertionError("not reached");
        }

        @Override
        public UpstreamRequest upstream(String request, String promptCacheKey, Provider provider, Target target,
                                        Credential credential, URI baseUrl) {
            throw new AssertionError("not reached");
        }

        @Override
        public Outcome deliver(String request, Attempt attempt, CallerSide caller, Completion completion) {
            throw new AssertionError("not reached");
        }
    }
}
