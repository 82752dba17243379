package io.keyroute.server.policy;

import io.keyroute.server.auth.Caller;

/**
 * What the rules did to served requests, for metrics and the audit log; a dry run
 * ({@code route/explain}) reports nothing. Called on the request's thread: keep it short.
 */
public interface PolicyEvents {
    PolicyEvents NONE = new PolicyEvents() {
    };

    /** A rule matched, or failed closed ({@link PolicyMatch#failed()}): it decided the request or one of its targets. */
    default void matched(PolicyMatch match) {
    }

    /** A rule could not be evaluated (a division by zero, a missing map key, a bad regular expression). */
    default void failed(String rule) {
    }

    /** A request was refused by {@code match}, before any provider saw it; {@code model} is its target. */
    default void denied(Caller caller, PolicyMatch match, String model) {
    }

    /** Both, this one first. */
    default PolicyEvents andThen(PolicyEvents next) {
        PolicyEvents first = this;
        return new PolicyEvents() {
            @Override
            public void matched(PolicyMatch match) {
                first.matched(match);
                next.matched(match);
            }

            @Override
            public void failed(String rule) {
                first.failed(rule);
                next.failed(rule);
            }

            @Override
            public void denied(Caller caller, PolicyMatch match, String model) {
                first.denied(caller, match, model);
                next.denied(caller, match, model);
            }
        };
    }
}
