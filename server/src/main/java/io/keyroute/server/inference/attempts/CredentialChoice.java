package io.keyroute.server.inference.attempts;

import io.keyroute.catalog.Target;
import java.util.Optional;

/**
 * The stored credential a request's attempts ask for first: the one the caller named
 * ({@code x-keyroute-credential}), else, on the target its conversation is kept on, the one that
 * served it. Only the first key of that target: a pool's next key after a rate limit is the pool's.
 *
 * @param kept the conversation's target and credential, when routing kept it there
 */
public record CredentialChoice(Optional<String> asked, Optional<KeptRoute> kept) {

    public static CredentialChoice asked(Optional<String> asked) {
        return new CredentialChoice(asked, Optional.empty());
    }

    /** The credential to ask for first on {@code target}. */
    Optional<String> firstOn(Target target) {
        if (asked.isPresent()) {
            return asked;
        }
        return kept.filter(k -> k.target().equals(target)).map(KeptRoute::credentialId);
    }
}
