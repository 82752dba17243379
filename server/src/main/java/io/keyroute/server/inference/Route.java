package io.keyroute.server.inference;

import io.keyroute.server.http.exchange.KeyrouteHeaders;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.inference.attempts.RequestRouter;
import java.util.Optional;

/**
 * The routing decision for the caller's model and chat shape, with the stored credential the
 * caller asked for ({@code x-keyroute-credential}); a request with no chat to classify still gets
 * plans, key allow-lists, circuits and credentials applied.
 */
final class Route implements Step {
    private final RequestRouter router;

    Route(RequestRouter router) {
        this.router = router;
    }

    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        Optional<String> credentialId = exchange.side().headers().first(KeyrouteHeaders.CREDENTIAL);
        exchange.routed(credentialId, router.decide(exchange.runtime(), exchange.caller(), exchange.model(),
                exchange.shape(), credentialId));
        return exchange.proceed();
    }
}
