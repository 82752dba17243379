package io.keyroute.server.inference;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.inference.attempts.Outcome;

/** The caller's Keyroute key (or the caller Keyroute calls for); then the in-flight slots it may take (in all, and the key's own). */
final class Authenticate implements Step {
    private final CallerAuth auth;

    Authenticate(CallerAuth auth) {
        this.auth = auth;
    }

    @Override
    public Outcome run(InferenceExchange<?> exchange) {
        Caller known = exchange.side().authenticated();
        exchange.authenticated(known != null ? known : auth.require(exchange.side().headers()));
        exchange.pass().enter(exchange.caller().keyId());
        return exchange.proceed();
    }
}
