package io.keyroute.server.auth;

import io.keyroute.api.Secret;
import java.util.Optional;

/**
 * Turns a presented token into a {@link Caller}. The seam the vault plugs into: until it lands,
 * {@link StaticTokenAuthenticator} knows the admin token and the demo key.
 */
public interface Authenticator {
    Optional<Caller> authenticate(Secret token);
}
