package io.keyroute.usage.budget;

/** A store kept on a server of its own (Redis), whose health readiness reports beside the database's. */
public interface Reachable {
    /** Whether the server answers now; never waits more than about a second. */
    boolean reachable();
}
