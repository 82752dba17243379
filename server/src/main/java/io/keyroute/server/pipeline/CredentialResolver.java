package io.keyroute.server.pipeline;

import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.server.auth.Caller;
import java.time.Duration;
import java.util.Optional;

/**
 * Which key a call to {@code provider} is made with, for {@code caller}. The vault's
 * implementation walks CONTRACT's order (named credential, user default, workspace, system key);
 * until then {@link SystemCredentialResolver} uses the configured system key.
 */
public interface CredentialResolver {
    /**
     * @param requestedId the {@code x-keyroute-credential} header, if the caller sent one
     * @throws io.keyroute.api.error.ClientError when no credential can be found
     */
    Credential resolve(Caller caller, Provider provider, Optional<String> requestedId);

    /** The provider answered 429 (rate limit or quota) to this credential: key pools move on. */
    default void rateLimited(Credential credential, Optional<Duration> retryAfter) {
    }
}
