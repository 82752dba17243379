package io.keyroute.server.inference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.catalog.Target;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.guardrails.GuardrailEvents;
import io.keyroute.server.guardrails.GuardrailRun;
import io.keyroute.server.guardrails.Guardrails;
import io.keyroute.server.inference.attempts.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The guardrails' input step, after {@link Route} (so a guardrail can be scoped by route and model) and
 * before policies and {@link Admit}: the request's texts checked, a redaction replacing the request
 * itself (so limits, telemetry and the provider, a pass-through's bytes included, see only the redacted
 * text), a block refused as 400 {@code guardrail_blocked} before anything is sent. The answer is checked
 * by the delivery, through the run the books hold. With no guardrail configured, a request pays one check.
 */
final class Guard implements Step {
    private final GuardrailEvents events;

    Guard(GuardrailEvents events) {
        this.events = events;
    }

    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        Guardrails guardrails = exchange.runtime().guardrails();
        ChatRequest chat;
        if (guardrails.none() || (chat = exchange.chat()) == null) {
            return exchange.proceed();
        }
        GuardrailRun run = start(guardrails, exchange.caller(), exchange.model(), exchange.decision(), events);
        if (run != null) {
            exchange.guarded(run);
            ObjectNode body = run.request(chat.body());
            if (body != chat.body()) {
                exchange.redacted(body);
            }
        }
        return exchange.proceed();
    }

    /**
     * A token count's request as its provider may be given it: checked by the same input steps, redacted or
     * refused the same way (a count sends the text to the provider as an answer does).
     */
    static <R> R counted(Endpoint<R> endpoint, R request, Guardrails guardrails, Caller caller, RouteDecision decision,
                         GuardrailEvents events) {
        ChatRequest chat;
        if (guardrails.none() || (chat = endpoint.chat(request)) == null) {
            return request;
        }
        GuardrailRun run = start(guardrails, caller, endpoint.model(request), decision, events);
        ObjectNode body = run == null ? chat.body() : run.request(chat.body());
        return body == chat.body() ? request : endpoint.withBody(request, body);
    }

    private static GuardrailRun start(Guardrails guardrails, Caller caller, String model, RouteDecision decision,
                                      GuardrailEvents events) {
        return guardrails.start(caller.workspaceId(), decision.route(), () -> models(model, decision), events);
    }

    /** The model asked for and every target its plan may call. */
    private static Collection<String> models(String asked, RouteDecision decision) {
        List<Target> targets = decision.plan().targets();
        List<String> models = new ArrayList<>(targets.size() + 1);
        models.add(asked);
        targets.forEach(target -> models.add(target.qualified()));
        return models;
    }
}
