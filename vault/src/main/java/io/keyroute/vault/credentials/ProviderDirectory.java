package io.keyroute.vault.credentials;

import java.util.Optional;

/** The providers of the current config (it may change on reload, so it is asked each time). */
@FunctionalInterface
public interface ProviderDirectory {
    Optional<ProviderInfo> find(String providerId);
}
