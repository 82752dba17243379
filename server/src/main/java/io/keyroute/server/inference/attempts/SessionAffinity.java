package io.keyroute.server.inference.attempts;

import io.keyroute.api.error.UpstreamError;
import io.keyroute.catalog.Target;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.Skip;
import java.util.Optional;

/**
 * Keeps a conversation (a named session, or a prompt prefix requests share: see {@link PromptPrefix}) on
 * the target and credential that served it last while they are healthy:
 * that target goes first and its credential is asked for first. What the caller's plan or keys no
 * longer allow (a model taken out of the plan or route, a credential revoked) ends the affinity
 * without a word, so nothing about the old credential shows; a target routing left out for its
 * health or the request's needs ends it with the reason saying why.
 */
public final class SessionAffinity {
    private SessionAffinity() {
    }

    static RequestRouter.Routed keep(RouteDecision decision, KeptRoute kept, LiveRoutingState state,
                                     Optional<String> asked) {
        Target target = kept.target();
        var unchanged = new RequestRouter.Routed(decision, CredentialChoice.asked(asked));
        Optional<Skip> skipped = decision.skipOf(target);
        if (skipped.isPresent()) {
            Skip skip = skipped.get();
            boolean revoked = skip.kind() == Skip.Kind.ACCESS || skip.reason().equals(LiveRoutingState.NO_CREDENTIAL);
            return revoked ? unchanged : new RequestRouter.Routed(decision.noted(moved(kept, skip.reason())),
                    CredentialChoice.asked(asked));
        }
        String credential = asked.isPresent() ? null : kept.credentialId();
        if (credential != null) {
            if (!state.mayUse(target.providerId(), credential)) {
                return unchanged;
            }
            Optional<String> open = state.credentialOpen(target.providerId(), credential);
            if (open.isPresent()) {
                return new RequestRouter.Routed(decision.noted(moved(kept, open.get())), CredentialChoice.asked(asked));
            }
        }
        return decision.first(target, kept.what() + " kept on " + target.qualified() + ".")
                .map(first -> new RequestRouter.Routed(first,
                        new CredentialChoice(asked, Optional.of(new KeptRoute(target, credential, kept.byPrefix())))))
                .orElse(unchanged);
    }

    /**
     * The route reason's sentence when {@code attempt}, about to serve, is not on the target routing
     * kept the conversation on: which of that target's failures moved it.
     */
    public static Optional<String> departure(CredentialChoice choice, Attempt attempt) {
        return choice.kept().filter(kept -> !kept.target().equals(attempt.target()))
                .map(kept -> moved(kept, attempt.failedBefore().stream()
                        .filter(e -> e.provider().equals(kept.target().providerId())).reduce((a, b) -> b)
                        .map(UpstreamError::shortForm).orElse("no credential could call it")));
    }

    /** The route reason's sentence when a session or prompt prefix leaves the target it was kept on. */
    static String moved(KeptRoute kept, String why) {
        return kept.what() + " moved off " + kept.target().qualified() + ": " + why + ".";
    }
}
