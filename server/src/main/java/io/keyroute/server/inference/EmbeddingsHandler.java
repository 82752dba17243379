package io.keyroute.server.inference;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.EmbeddingsRequest;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.wire.openai.OpenAiEmbeddingsRequestReader;
import io.keyroute.providers.EmbeddingsAdapter;
import io.keyroute.providers.Provider;
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
import java.util.Optional;
import java.util.function.Supplier;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.limits.InFlightLimits;

/**
 * {@code POST /v1/embeddings} in OpenAI's shape, for providers whose adapter has the
 * {@link EmbeddingsAdapter} capability: the same pipeline as chat (auth, route, attempts with
 * failover, whole-JSON delivery, accounting), with an embeddings call per target.
 */
public final class EmbeddingsHandler implements Handler {
    private static final ChatBodyShape NO_CHAT = ChatBodyShape.of(Json.MAPPER.createObjectNode());

    private final Supplier<GatewayRuntime> runtimes;
    private final CallerAuth auth;
    private final RequestRouter router;
    private final RequestGate gate;
    private final AttemptRunner runner;
    private final JsonDelivery json;
    private final UsageSink usage;
    private final InFlightLimits limits;

    public EmbeddingsHandler(Supplier<GatewayRuntime> runtimes, CallerAuth auth, RequestRouter router, RequestGate gate, AttemptRunner runner,
                      JsonDelivery json, UsageSink usage, InFlightLimits limits) {
        this.runtimes = runtimes;
        this.auth = auth;
        this.router = router;
        this.gate = gate;
        this.runner = runner;
        this.json = json;
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
        var call = new InferenceCall(res, WireFormat.OPENAI_CHAT, usage, runtimes.get());
        GatewayRuntime runtime = call.runtime();
        try {
            Caller caller = call.authenticated(auth.require(req));
            pass.enter(caller.keyId());
            byte[] sent = pass.body(req, runtime.config().server().maxRequestBytes());
            EmbeddingsRequest request = OpenAiEmbeddingsRequestReader.read(sent);
            call.asked(request.model(), false);
            Optional<String> credentialId = req.headers().first(KeyrouteHeaders.CREDENTIAL);
            // No chat to classify: routing still applies plans, key allow-lists, circuits and credentials.
            RouteDecision decision = call.routed(router.decide(runtime, caller, request.model(), NO_CHAT, credentialId));
            call.admit(gate, decision, sent.length);
            call.delivered(runner.run(runtime, (provider, target, credential, baseUrl) -> capability(provider)
                            .toUpstreamEmbeddings(request, target.upstreamModel(), baseUrl, credential),
                    decision.plan(), caller, credentialId, CallerPlan.of(runtime.config(), caller).ownKeysAllowed(),
                    attempt -> {
                        call.delivering(attempt);
                        String model = attempt.target().upstreamModel();
                        return json.deliver(attempt, res, call,
                                body -> capability(attempt.provider()).fromUpstreamEmbeddings(request, model, body));
                    }));
        } catch (PlanFailed failed) {
            call.failed(failed);
        } catch (GatewayError error) {
            call.failed(error);
        } catch (RuntimeException unexpected) {
            call.crashed(unexpected);
        }
    }

    private static EmbeddingsAdapter capability(Provider provider) {
        if (provider.adapter() instanceof EmbeddingsAdapter embeddings) {
            return embeddings;
        }
        throw ClientError.badRequest("embeddings_not_supported",
                "Provider '" + provider.id() + "' (" + provider.kind().configName() + ") has no embeddings API.", "model");
    }
}
