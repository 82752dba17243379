package io.keyroute.server.policy;

/**
 * The rule that decided a request.
 *
 * @param failed the rule could not be evaluated and fails closed: the request is refused whatever its effect
 */
public record PolicyMatch(String rule, PolicyEffect effect, boolean failed) {

    /** Whether the request is refused (403 {@code policy_denied}). */
    public boolean refuses() {
        return failed || effect instanceof PolicyEffect.Deny;
    }
}
