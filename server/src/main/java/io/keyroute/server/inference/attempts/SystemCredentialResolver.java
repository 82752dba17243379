package io.keyroute.server.inference.attempts;

import io.keyroute.api.error.ClientError;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.server.auth.Caller;
import java.util.Optional;

/** Only the provider's system default key (from config or environment). */
public final class SystemCredentialResolver implements CredentialResolver {

    @Override
    public Credential resolve(Caller caller, Provider provider, Optional<String> requestedId) {
        if (requestedId.isPresent()) {
            throw ClientError.notFound("No stored credential '" + requestedId.get() + "' exists for you.");
        }
        return provider.systemCredential().orElseThrow(() -> ClientError.badRequest("no_credential",
                "No credential for provider '" + provider.id() + "'. Set the provider's api_key in the config "
                        + "(the built-in '" + provider.id() + "' reads " + provider.id().toUpperCase(java.util.Locale.ROOT)
                        + "_API_KEY), or store your own key with POST /api/v1/users/me/llm-credentials.", "model"));
    }
}
