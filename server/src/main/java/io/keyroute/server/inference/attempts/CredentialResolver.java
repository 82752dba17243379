package io.keyroute.server.inference.attempts;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
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

    /**
     * As {@link #resolve(Caller, Provider, Optional)}, honouring the caller's plan: with
     * {@code ownKeysAllowed} false (plan {@code byok: false}) only the provider's system key may
     * be used. Implementations that know stored credentials may override; this default is
     * already correct for any of them.
     */
    default Credential resolve(Caller caller, Provider provider, Optional<String> requestedId, boolean ownKeysAllowed) {
        if (ownKeysAllowed) {
            return resolve(caller, provider, requestedId);
        }
        if (requestedId.isPresent()) {
            throw new ClientError(ErrorType.PERMISSION, "byok_not_allowed",
                    "Your plan does not allow your own provider credentials; remove the x-keyroute-credential header.",
                    null);
        }
        return provider.systemCredential().orElseThrow(() -> ClientError.badRequest("no_credential",
                "No system credential for provider '" + provider.id() + "', and your plan does not allow your own. "
                        + "Ask the operator to set the provider's api_key.", "model"));
    }

    /**
     * The one credential {@code credentialId} names for {@code provider}, whatever the caller's
     * defaults are now: a stored credential the caller may still use, or the provider's system key
     * ({@code system:<provider>}). A conversation an upstream keeps lives with the key that made it.
     *
     * @throws ClientError when that credential is gone, or no longer the caller's to use
     */
    default Credential pinned(Caller caller, Provider provider, String credentialId, boolean ownKeysAllowed) {
        Credential credential = credentialId.equals(provider.systemCredential().map(Credential::id).orElse(null))
                ? provider.systemCredential().orElseThrow()
                : resolve(caller, provider, Optional.of(credentialId), ownKeysAllowed);
        if (!credential.id().equals(credentialId)) { // a credential of another provider resolves to the usual one
            throw ClientError.badRequest("no_credential", "The credential that made this conversation for provider '"
                    + provider.id() + "' is no longer usable.", "previous_response_id");
        }
        return credential;
    }

    /**
     * Whether {@code credential} is one of the caller's user's own stored credentials for
     * {@code provider} (not the workspace's, not a system key): what that provider account keeps,
     * only this user's requests reach. Without stored credentials there is none.
     */
    default boolean callersOwn(Caller caller, Provider provider, Credential credential) {
        return false;
    }

    /**
     * The credential a call would use, looked up without side effects: routing asks this for
     * each candidate provider to skip those the caller cannot reach. Throws the ClientError
     * {@code resolve} would. The default resolves, so an implementation whose {@code resolve}
     * records use (audit, last-used) should override it.
     */
    default Credential peek(Caller caller, Provider provider, Optional<String> requestedId, boolean ownKeysAllowed) {
        return resolve(caller, provider, requestedId, ownKeysAllowed);
    }

    /** The provider answered 429 (a rate limit) to this credential: key pools move on for a while. */
    default void rateLimited(Credential credential, Optional<Duration> retryAfter) {
    }

    /** The provider said this credential's quota or balance is spent: key pools move on for long. */
    default void quotaExhausted(Credential credential) {
    }
}
