package io.keyroute.server.cache;

import io.keyroute.api.ChatRequest;
import io.keyroute.server.auth.Caller;
import java.util.Optional;

/**
 * The semantic cache, as the exact cache's step asks it: on an exact miss, a stored answer to a request close
 * enough to this one. The answer itself is the exact store's ({@link AnswerStore#get}); this finds only its key.
 */
public interface SimilarAnswers {
    /** Never finds, remembers nothing: the semantic cache is off. */
    SimilarAnswers NONE = (scope, target, chat, caller) -> Probe.NONE;

    /**
     * A probe for this request (its prompt embedded at most once), or {@link Probe#NONE} when it does not apply.
     *
     * @param target the model or route as resolved (the exact key's target)
     */
    Probe probe(CacheScope scope, String target, ChatRequest chat, Caller caller);

    /** One request's look-up, and what it remembers once the request's own answer is stored. */
    interface Probe {
        Probe NONE = new Probe() {
            @Override
            public Optional<SimilarAnswer> nearest() {
                return Optional.empty();
            }

            @Override
            public void remember(String answerKey) {
            }
        };

        /** A stored answer's key close enough, and how close. */
        Optional<SimilarAnswer> nearest();

        /** After a miss's answer was stored under {@code answerKey}. */
        void remember(String answerKey);
    }

    record SimilarAnswer(String answerKey, double similarity) {
    }
}
