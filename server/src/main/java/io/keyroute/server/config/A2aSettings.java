package io.keyroute.server.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code a2a:} section: the agents {@code /a2a/{agent}} proxies, who may use which ({@link AccessRule}s
 * over agent ids), and how large an agent's answer may be.
 *
 * @param maxResponseBytes the most one JSON answer from an agent may hold; default 16 MiB. A stream's events
 *                         are bounded one by one instead
 * @param publicUrl        Keyroute's URL as callers reach it ({@code https://keyroute.example.com}), which the
 *                         agent cards it serves point at; absent: the scheme and host the caller used
 */
public record A2aSettings(List<A2aAgentSettings> agents, List<AccessRule> access, Long maxResponseBytes,
                          String publicUrl) {
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
    public static final A2aSettings DEFAULT = new A2aSettings(null);

    public A2aSettings {
        agents = agents == null ? List.of() : List.copyOf(agents);
        access = access == null ? List.of() : List.copyOf(access);
        maxResponseBytes = maxResponseBytes == null ? DEFAULT_MAX_RESPONSE_BYTES : maxResponseBytes;
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
    }

    /** These agents, usable by every caller. */
    public A2aSettings(List<A2aAgentSettings> agents) {
        this(agents, null, null, null);
    }

    /** The agent {@code id}, if configured. */
    public Optional<A2aAgentSettings> agent(String id) {
        for (A2aAgentSettings agent : agents) {
            if (agent.id().equals(id)) {
                return Optional.of(agent);
            }
        }
        return Optional.empty();
    }
}
