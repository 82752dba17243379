package io.keyroute.server.http.exchange;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.ServerRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import io.keyroute.server.auth.Authenticator;
import io.keyroute.server.auth.Caller;
import java.util.Optional;

/** Finds the caller's token ({@code Authorization: Bearer} or {@code x-api-key}) and authenticates it. */
public final class CallerAuth {
    private static final String BEARER = "bearer ";

    private final Authenticator authenticator;

    public CallerAuth(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** An inference caller: a Keyroute key. The admin token manages Keyroute but does not call models. */
    public Caller require(ServerRequest req) {
        return require(req.headers());
    }

    /** As {@link #require(ServerRequest)}, from the headers the caller sent (a WebSocket's handshake). */
    public Caller require(Headers headers) {
        Caller caller = requireAny(headers);
        if (caller.admin() && caller.userId() == null) {
            throw new ClientError(ErrorType.PERMISSION, "admin_token_not_allowed", "The admin token manages Keyroute "
                    + "and cannot call models. Issue a Keyroute key with POST /api/v1/users/{user}/keys.", null);
        }
        return caller;
    }

    /** A management caller: the admin token or a Keyroute key. */
    public Caller requireAny(ServerRequest req) {
        return requireAny(req.headers());
    }

    private Caller requireAny(Headers headers) {
        Secret token = token(headers).orElseThrow(() -> ClientError.unauthorized(
                "Missing API key. Send your Keyroute key as 'Authorization: Bearer kr-…'."));
        return authenticator.authenticate(token).orElseThrow(() -> ClientError.unauthorized(
                "Invalid API key " + token.masked() + ". Check the key, or issue a new one."));
    }

    private static Optional<Secret> token(Headers headers) {
        Optional<String> authorization = headers.first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            String value = authorization.get().trim();
            if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                String token = value.substring(BEARER.length()).trim();
                return token.isEmpty() ? Optional.empty() : Optional.of(Secret.of(token));
            }
            return Optional.empty();
        }
        return headers.first(KeyrouteHeaders.X_API_KEY).map(String::trim).filter(s -> !s.isEmpty()).map(Secret::of);
    }
}
