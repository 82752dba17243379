package io.keyroute.server.http;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secrets;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.GatewayError;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.complexity.OpenAiChatShape;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.pipeline.Attempt;
import io.keyroute.server.pipeline.AttemptRunner;
import io.keyroute.server.pipeline.CallerPlan;
import io.keyroute.server.pipeline.Outcome;
import io.keyroute.server.pipeline.PlanFailed;
import io.keyroute.server.pipeline.RequestRouter;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.usage.RequestRecord;
import io.keyroute.server.usage.UsageSink;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The inference flow of {@code POST /v1/chat/completions} and {@code POST /v1/messages} (one
 * instance per API shape): authenticate, read, route, run the attempts, deliver (whole or
 * streamed), account. Every answer, error or not, carries the x-keyroute-* headers; errors are in
 * the endpoint's shape.
 */
final class ChatCompletionsHandler implements Handler {
    private final WireFormat format;
    private final Function<byte[], ChatRequest> reader;
    private final List<HeaderName> passHeaders;
    private final Supplier<GatewayRuntime> runtimes;
    private final CallerAuth auth;
    private final RequestRouter router;
    private final AttemptRunner runner;
    private final JsonDelivery json;
    private final StreamRelay stream;
    private final UsageSink usage;

    /**
     * @param reader      parses and checks a request body of {@code format}
     * @param passHeaders caller headers a provider of the same format receives (e.g. anthropic-beta)
     */
    ChatCompletionsHandler(WireFormat format, Function<byte[], ChatRequest> reader, List<String> passHeaders,
                           Supplier<GatewayRuntime> runtimes, CallerAuth auth, RequestRouter router,
                           AttemptRunner runner, JsonDelivery json, StreamRelay stream, UsageSink usage) {
        this.format = format;
        this.reader = reader;
        this.passHeaders = passHeaders.stream().map(HeaderNames::create).toList();
        this.runtimes = runtimes;
        this.auth = auth;
        this.router = router;
        this.runner = runner;
        this.json = json;
        this.stream = stream;
        this.usage = usage;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        String requestId = RequestIds.next();
        res.header(KeyrouteHeaders.REQUEST_ID, requestId);
        GatewayRuntime runtime = runtimes.get();
        Caller caller = null;
        ChatRequest chat = null;
        String route = null;
        try {
            caller = auth.require(req);
            chat = reader.apply(RequestBodies.read(req, runtime.config().server().maxRequestBytes()));
            chat = chat.withPassHeaders(passed(req));
            Optional<String> credentialId = req.headers().first(KeyrouteHeaders.CREDENTIAL);
            // The OpenAI shape reader also reads an Anthropic body closely enough for complexity (messages, tools).
            RouteDecision decision = router.decide(runtime, caller, chat.model(), OpenAiChatShape.of(chat.body()),
                    credentialId);
            route = decision.route();
            res.header(KeyrouteHeaders.ROUTE_REASON, HeaderText.safe(decision.reason()));
            ChatRequest request = chat;
            Outcome outcome = runner.run(runtime, chat, decision.plan(), caller, credentialId,
                    CallerPlan.of(runtime.config(), caller).ownKeysAllowed(),
                    attempt -> deliver(request, attempt, res, runtime));
            record(requestId, caller, chat, route, outcome, runtime, start);
        } catch (PlanFailed failed) {
            res.header(KeyrouteHeaders.ATTEMPTS, String.valueOf(failed.attempts()));
            fail(res, failed.error(), requestId, caller, chat, route, failed.attempts(), start);
        } catch (GatewayError error) {
            fail(res, error, requestId, caller, chat, route, 0, start);
        }
    }

    private Outcome deliver(ChatRequest request, Attempt attempt, ServerResponse res, GatewayRuntime runtime) {
        res.header(KeyrouteHeaders.PROVIDER, attempt.provider().id());
        res.header(KeyrouteHeaders.MODEL, HeaderText.safe(attempt.target().qualified()));
        res.header(KeyrouteHeaders.ATTEMPTS, String.valueOf(attempt.number()));
        return request.stream()
                ? stream.relay(request, attempt, res)
                : json.deliver(request, attempt, res, runtime.prices());
    }

    private Map<String, String> passed(ServerRequest req) {
        Map<String, String> headers = new HashMap<>();
        for (HeaderName name : passHeaders) {
            req.headers().first(name).ifPresent(value -> headers.put(name.lowerCase(), value));
        }
        return headers;
    }

    private void fail(ServerResponse res, GatewayError error, String requestId, Caller caller, ChatRequest chat,
                      String route, int attempts, long start) {
        ErrorResponses.send(res, format, error);
        usage.record(RequestRecord.failed(requestId, caller, chat == null ? null : Secrets.scrub(chat.model()), route,
                error.status(), attempts, chat != null && chat.stream(), micros(System.nanoTime() - start)));
    }

    private void record(String requestId, Caller caller, ChatRequest chat, String route, Outcome outcome,
                        GatewayRuntime runtime, long start) {
        long firstByte = outcome.firstByteNanos() == 0 ? 0 : micros(outcome.firstByteNanos() - start);
        usage.record(RequestRecord.delivered(requestId, caller, Secrets.scrub(chat.model()), route, outcome, chat.stream(),
                runtime.prices(), micros(System.nanoTime() - start), firstByte));
    }

    private static long micros(long nanos) {
        return nanos / 1_000;
    }
}
