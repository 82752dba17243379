package io.keyroute.server.config;

import java.util.List;

/** The {@code a2a:} section: the agents {@code /a2a/{agent}} proxies. */
public record A2aSettings(List<A2aAgentSettings> agents) {
    public static final A2aSettings DEFAULT = new A2aSettings(null);

    public A2aSettings {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }
}
