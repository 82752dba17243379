package io.keyroute.vault.credentials;

import io.keyroute.api.Secret;
import java.util.Optional;

/**
 * A provider's rule for what its keys look like, checked before a key is stored so a pasted wrong
 * key (an Anthropic key on an OpenAI credential) is caught at once. The rules are the providers'
 * own; the vault only asks.
 */
@FunctionalInterface
public interface KeyShape {
    /** Empty when {@code key} fits, else what a fitting key looks like ("an OpenAI key starting with 'sk-'"). */
    Optional<String> mismatch(Secret key);
}
