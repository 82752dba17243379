package io.keyroute.server.inference;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.guardrails.GuardrailEvents;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.http.exchange.HeaderText;
import io.keyroute.server.http.exchange.JsonOut;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.http.exchange.RequestIds;
import io.keyroute.server.http.exchange.UnexpectedErrors;
import io.keyroute.server.inference.attempts.RequestRouter;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.server.limits.InFlightLimits;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.runtime.GatewayRuntime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The token-count endpoints ({@code POST /v1/responses/input_tokens}, {@code POST /v1/messages/count_tokens}):
 * an inference {@link Endpoint} reads the request and says what each provider is given, exactly as
 * for its answers, and {@link PromptCounter} counts it. The request goes through the same checks as
 * the {@link InferenceFlow}, in its order (in-flight pass and drain, the caller's key, the body's
 * size, routing with the caller's plan and allow-lists, the key's requests per minute), and errors
 * come in the endpoint's API shape.
 *
 * <p>It is a lighter flow than the inference flow because a count spends nothing: no budget is
 * reserved and no usage record made (counting is free at every provider, and Claude Code asks for a
 * count per turn: recording them would double the requests the usage API reports), the key's
 * tokens per minute are not taken, and there is no failover over the plan (the first target with a
 * credential counts; a failed count call is answered by Keyroute's tokenizer, not by the next
 * target). The inference flow's books and attempts exist for exactly those, so its steps are not reused.
 */
public final class TokenCountFlow {
    private final InFlightLimits limits;
    private final Supplier<GatewayRuntime> runtimes;
    private final CallerAuth auth;
    private final RequestRouter router;
    private final RequestGate gate;
    private final PromptCounter counter;
    private final GuardrailEvents guardrails;

    /** @param gate the key's requests per minute (no tokens taken, nothing reserved) */
    public TokenCountFlow(InFlightLimits limits, Supplier<GatewayRuntime> runtimes, CallerAuth auth,
                          RequestRouter router, RequestGate gate, PromptCounter counter, GuardrailEvents guardrails) {
        this.guardrails = guardrails;
        this.limits = limits;
        this.runtimes = runtimes;
        this.auth = auth;
        this.router = router;
        this.gate = gate;
        this.counter = counter;
    }

    /** The handler counting {@code endpoint}'s requests, answered as {@code answer}. */
    <R> Handler handler(Endpoint<R> endpoint, TokenCountAnswer answer) {
        return (req, res) -> count(endpoint, answer, req, res);
    }

    private <R> void count(Endpoint<R> endpoint, TokenCountAnswer answer, ServerRequest req, ServerResponse res) {
        String requestId = RequestIds.next();
        res.header(KeyrouteHeaders.REQUEST_ID, requestId);
        GatewayRuntime runtime = runtimes.get(); // once: a reload never splits a request
        try (var pass = limits.open()) {
            Caller caller = auth.require(req);
            pass.enter(caller.keyId());
            byte[] body = pass.body(req, runtime.config().server().maxRequestBytes());
            R parsed = endpoint.parseCount(caller, req.headers(), body);
            Optional<String> credentialId = req.headers().first(KeyrouteHeaders.CREDENTIAL);
            RouteDecision decision = router.decide(runtime, caller, endpoint.model(parsed), endpoint.shape(parsed),
                    credentialId);
            R request = Guard.counted(endpoint, parsed, runtime.guardrails(), caller, decision, guardrails);
            gate.admit(new GateRequest(requestId, caller, decision, runtime, body.length));
            PromptCounter.Chosen chosen = counter.choose(runtime, caller, decision.plan(), credentialId,
                    provider -> endpoint.pinnedCredential(request, provider));
            res.header(KeyrouteHeaders.PROVIDER, chosen.provider().id());
            res.header(KeyrouteHeaders.CREDENTIAL, HeaderText.safe(chosen.credential().id()));
            res.header(KeyrouteHeaders.MODEL, HeaderText.safe(chosen.target().qualified()));
            PromptCounter.Counted counted = counter.count(chosen,
                    endpoint.chatFor(request, chosen.provider(), chosen.credential()));
            res.header(KeyrouteHeaders.TOKEN_COUNT, counted.method());
            JsonOut.send(res, 200, answer.write(counted.tokens()));
        } catch (GatewayError refused) {
            ErrorResponses.send(res, endpoint.format(), refused);
        } catch (RuntimeException unexpected) {
            UnexpectedErrors.log(requestId, unexpected);
            ErrorResponses.send(res, endpoint.format(), ClientError.internal(requestId));
        }
    }
}
