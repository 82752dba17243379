package io.keyroute.server.inference;

import io.keyroute.routing.RouteDecision;
import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.inference.attempts.RequestRouter;
import io.keyroute.server.telemetry.RequestTrace;
import io.opentelemetry.api.trace.Span;
import java.util.Optional;

/**
 * The routing decision for the caller's model and chat shape, with the stored credential the
 * caller asked for ({@code x-keyroute-credential}) and the target and credential its conversation
 * was served by ({@link Conversations}); a request with no chat to classify still gets plans, key
 * allow-lists, circuits and credentials applied.
 */
final class Route implements Step {
    private final RequestRouter router;
    private final Conversations conversations;

    Route(RequestRouter router, Conversations conversations) {
        this.router = router;
        this.conversations = conversations;
    }

    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        Optional<String> credentialId = exchange.side().headers().first(KeyrouteHeaders.CREDENTIAL);
        var conversation = conversations.of(exchange.caller(), exchange.side().headers(), exchange.model(),
                exchange.previousResponseId(), exchange.chat());
        Span span = RequestTrace.child(exchange.trace(), "keyroute.route"); // the invalid span when untraced
        RequestRouter.Routed routed;
        try {
            routed = router.decide(exchange.runtime(), exchange.caller(), exchange.model(), exchange.shape(),
                    credentialId, conversation.kept());
        } catch (RuntimeException refused) {
            RequestTrace.failed(span, refused);
            throw refused;
        }
        exchange.routed(conversation, routed);
        RouteDecision decision = exchange.decision();
        RequestTrace.routed(span, decision.route(), decision.reason(), decision.plan().targets());
        return exchange.proceed();
    }
}
