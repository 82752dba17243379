package io.keyroute.server.auth;

import io.keyroute.api.Secret;
import java.util.Map;
import java.util.Optional;

/** Authenticates against a fixed set of token hashes (the admin token, the demo key). */
public final class StaticTokenAuthenticator implements Authenticator {
    private final Map<String, Caller> callersByHash;

    public StaticTokenAuthenticator(Map<String, Caller> callersByHash) {
        this.callersByHash = Map.copyOf(callersByHash);
    }

    @Override
    public Optional<Caller> authenticate(Secret token) {
        return Optional.ofNullable(callersByHash.get(TokenHash.of(token)));
    }
}
