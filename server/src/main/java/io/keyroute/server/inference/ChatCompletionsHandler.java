package io.keyroute.server.inference;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.GatewayError;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.complexity.ChatBodyShape;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.inference.attempts.AttemptRunner;
import io.keyroute.server.inference.attempts.CallerPlan;
import io.keyroute.server.inference.attempts.PlanFailed;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.inference.attempts.RequestRouter;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.accounting.UsageSink;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.limits.InFlightLimits;

/**
 * The inference flow of {@code POST /v1/chat/completions} and {@code POST /v1/messages} (one
 * instance per API shape): authenticate, read, route, admit (limits), run the attempts, deliver (whole or
 * streamed), account. Every answer, error or not, carries the x-keyroute-* headers; errors are in
 * the endpoint's shape.
 */
public final class ChatCompletionsHandler implements Handler {
    private final WireFormat format;
    private final Function<byte[], ChatRequest> reader;
    private final List<HeaderName> passHeaders;
    private final Supplier<GatewayRuntime> runtimes;
    private final CallerAuth auth;
    private final RequestRouter router;
    private final RequestGate gate;
    private final AttemptRunner runner;
    private final JsonDelivery json;
    private final StreamRelay stream;
    private final UsageSink usage;
    private final InFlightLimits limits;

    /**
     * @param reader      parses and checks a request body of {@code format}
     * @param passHeaders caller headers a provider of the same format receives (e.g. anthropic-beta)
     */
    public ChatCompletionsHandler(WireFormat format, Function<byte[], ChatRequest> reader, List<String> passHeaders,
                           Supplier<GatewayRuntime> runtimes, CallerAuth auth, RequestRouter router, RequestGate gate,
                           AttemptRunner runner, JsonDelivery json, StreamRelay stream, UsageSink usage,
                           InFlightLimits limits) {
        this.format = format;
        this.reader = reader;
        this.passHeaders = passHeaders.stream().map(HeaderNames::create).toList();
        this.runtimes = runtimes;
        this.auth = auth;
        this.router = router;
        this.gate = gate;
        this.runner = runner;
        this.json = json;
        this.stream = stream;
        this.usage = usage;
        this.limits = limits;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        // The pass is given back only after the request's record is made, failed or not: a drain waits for it.
        try (var pass = limits.open()) {
            serve(req, res, pass);
        }
    }

    private void serve(ServerRequest req, ServerResponse res, InFlightLimits.Pass pass) {
        var call = new InferenceCall(res, format, usage, runtimes.get());
        GatewayRuntime runtime = call.runtime();
        try {
            Caller caller = call.authenticated(auth.require(req));
            pass.enter(caller.keyId());
            byte[] body = pass.body(req, runtime.config().server().maxRequestBytes());
            ChatRequest chat = reader.apply(body).withPassHeaders(passed(req));
            call.asked(chat.model(), chat.stream());
            Optional<String> credentialId = req.headers().first(KeyrouteHeaders.CREDENTIAL);
            // The OpenAI shape reader also reads an Anthropic body closely enough for complexity (messages, tools).
            RouteDecision decision = call.routed(router.decide(runtime, caller, chat.model(),
                    ChatBodyShape.of(chat.body()), credentialId));
            call.admit(gate, decision, body.length, chat);
            call.delivered(runner.run(runtime, chat, decision.plan(), caller, credentialId,
                    CallerPlan.of(runtime.config(), caller).ownKeysAllowed(), attempt -> {
                        call.delivering(attempt);
                        return chat.stream()
                                ? stream.relay(chat, attempt, res, call)
                                : json.deliver(chat, attempt, res, call);
                    }));
        } catch (PlanFailed failed) {
            call.failed(failed);
        } catch (GatewayError error) {
            call.failed(error);
        } catch (RuntimeException unexpected) {
            call.crashed(unexpected);
        }
    }

    private Map<String, String> passed(ServerRequest req) {
        Map<String, String> headers = new HashMap<>();
        for (HeaderName name : passHeaders) {
            req.headers().first(name).ifPresent(value -> headers.put(name.lowerCase(), value));
        }
        return headers;
    }
}
