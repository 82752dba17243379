package io.keyroute.server.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * One A2A agent {@code /a2a/{agent}} proxies.
 *
 * @param id         the {@code {agent}} of {@code /a2a/{agent}}, a label of its metrics
 * @param url        its JSON-RPC endpoint (the {@code url} its own agent card names)
 * @param cardUrl    where its agent card is; absent: {@code /.well-known/agent-card.json} on the url's origin,
 *                   then the older {@code /.well-known/agent.json}
 * @param headers    what Keyroute sends the agent as its own credential (e.g. {@code Authorization: Bearer
 *                   ${PLANNER_TOKEN}}, substituted from the environment); never the caller's key
 * @param timeoutMs  how long the agent may keep Keyroute waiting for its answer, or between two events of a
 *                   stream; default 120 s
 * @param publicCard whether the card is served without a Keyroute key (it then says only what the agent's
 *                   own public card says); default false: a key allowed to use the agent
 */
public record A2aAgentSettings(String id, String url, String cardUrl, Map<String, String> headers, Long timeoutMs,
                               Boolean publicCard) {
    public static final long DEFAULT_TIMEOUT_MS = 120_000;

    public A2aAgentSettings {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        timeoutMs = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
        publicCard = publicCard != null && publicCard;
    }

    /** An agent with no credential of its own and the defaults. */
    public A2aAgentSettings(String id, String url) {
        this(id, url, null, null, null, null);
    }

    /** Header values are credentials: a logged config shows their names only. */
    @Override
    public String toString() {
        return "A2aAgentSettings[id=" + id + ", url=" + Redaction.url(url) + ", cardUrl=" + Redaction.url(cardUrl)
                + ", headers=" + new TreeMap<>(headers).keySet() + ", timeoutMs=" + timeoutMs + ", publicCard="
                + publicCard + "]";
    }
}
