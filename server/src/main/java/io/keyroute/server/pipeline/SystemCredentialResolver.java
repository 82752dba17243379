package io.keyroute.server.pipeline;

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
                "No credential for provider '" + provider.id() + "'. Set its api_key in the config (or the "
                        + "provider's environment variable, e.g. OPENAI_API_KEY), or store your own key with "
                        + "POST /api/v1/users/me/llm-credentials.", "model"));
    }
}
