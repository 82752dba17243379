package io.keyroute.server.config;

/** One A2A agent: its id (the {@code {agent}} of {@code /a2a/{agent}}) and its base URL. */
public record A2aAgentSettings(String id, String url) {
}
