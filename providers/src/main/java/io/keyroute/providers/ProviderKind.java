package io.keyroute.providers;

import java.util.Optional;
import java.util.Set;

/**
 * One upstream API family Keyroute speaks, as its own package declares it: the name a config's
 * {@code type:} uses, where the API lives, and what it can serve. Kinds are found through
 * {@link ProviderRegistry}; each provider package registers its own (see docs/PROVIDERS.md).
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
}
