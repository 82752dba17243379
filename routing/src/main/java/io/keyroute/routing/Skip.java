package io.keyroute.routing;

import io.keyroute.catalog.Target;

/**
 * A target routing left out, and why.
 *
 * @param kind what kind of check excluded it; decides the error when nothing is left
 */
public record Skip(Target target, Kind kind, String reason) {

    public enum Kind {
        /** The plan or the key does not allow it. */
        ACCESS,
        /** Open circuit, no credential. */
        UNAVAILABLE,
        /** Lacks a capability or room for the request. */
        UNFIT
    }

    public String describe() {
        return target.qualified() + " (" + reason + ")";
    }
}
