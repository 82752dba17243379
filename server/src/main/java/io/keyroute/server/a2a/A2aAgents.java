package io.keyroute.server.a2a;

import io.keyroute.server.access.AccessList;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.A2aAgentSettings;
import io.keyroute.server.config.A2aSettings;
import java.util.Optional;

/** The {@code a2a:} section of one config version with its access list compiled: which agent a caller may use. */
final class A2aAgents {
    private final A2aSettings settings;
    private final AccessList access;

    A2aAgents(A2aSettings settings) {
        this.settings = settings;
        this.access = AccessList.of(settings.access());
    }

    A2aSettings settings() {
        return settings;
    }

    /** The agent, configured or not (a public card is served before any key is read). */
    Optional<A2aAgentSettings> agent(String id) {
        return settings.agent(id);
    }

    /**
     * The agent {@code id} when {@code caller} may use it.
     *
     * @throws A2aFailure 404 when there is no such agent, or the caller may not use it: which agents exist is
     *                    not told to a key that may not use them
     */
    A2aAgentSettings usable(Caller caller, String id) {
        A2aAgentSettings agent = settings.agent(id).orElseThrow(A2aAgents::notFound);
        if (!access.allows(caller, id)) {
            throw new Denied();
        }
        return agent;
    }

    static A2aFailure notFound() {
        return new A2aFailure(404, A2aFailure.SERVER_ERROR, "agent_not_found",
                "There is no A2A agent by that name for this key.");
    }

    /** An agent the caller may not use: answered as {@link #notFound()}, counted and audited as a denial. */
    static final class Denied extends RuntimeException {
        Denied() {
            super("denied", null, false, false);
        }
    }
}
