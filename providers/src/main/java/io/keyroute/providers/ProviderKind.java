package io.keyroute.providers;

import io.keyroute.api.PromptFraming;
import io.keyroute.api.Secret;
import io.keyroute.providers.http.Transport;
import io.keyroute.providers.http.UpstreamRequest;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One upstream API family Keyroute speaks, as its own package declares it: everything outside
 * that package that depends on a provider's kind asks this (the runtime's wiring, the config
 * validator, the credential checks, a budget's prompt bound). Kinds are found through
 * {@link ProviderRegistry}; docs/PROVIDERS.md is the recipe for adding one.
 */
public interface ProviderKind {

    /** The {@code type:} value in the config file. */
    String configName();

    /** What this kind serves, truthfully: what its adapter translates and its upstream answers. */
    Set<ProviderCapability> capabilities();

    /** The base URL as the official SDK has it; empty for kinds that must be told theirs. */
    Optional<String> defaultBaseUrl();

    /**
     * What this API puts before its model names in its own spelling (Gemini's {@code models/}):
     * {@code models/gemini-2.5-pro} is the model {@code gemini-2.5-pro}. Empty for APIs without one.
     */
    default Optional<String> modelPrefix() {
        return Optional.empty();
    }

    /** A new adapter for one configured provider of this kind (it may cache per base URL). */
    ProviderAdapter newAdapter(Clock clock);

    /** What this kind's keys look like. */
    KeyFormat keyFormat();

    /**
     * The cheapest authenticated call that tells whether {@code key} works at {@code baseUrl}
     * (listing models: no tokens spent, 401/403 for a bad key); empty when there is nothing to ask.
     */
    Optional<UpstreamRequest> modelsProbe(URI baseUrl, Secret key);

    /** What this API adds to a prompt, for a budget's bound of its tokens. */
    PromptFraming promptFraming();

    /**
     * A transport of the kind's own, from the provider's config {@code options}, for a kind that is
     * not reached over HTTP (the mock); empty for the shared upstream transport.
     *
     * @throws IllegalArgumentException when an option is malformed
     */
    default Optional<Transport> ownTransport(Map<String, Object> options, Clock clock) {
        return Optional.empty();
    }

    /** A key the kind works with when the config gives none (the mock's); empty when the config must give one. */
    default Optional<Secret> builtInKey() {
        return Optional.empty();
    }
}
