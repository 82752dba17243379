package io.keyroute.server.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keyroute.api.Json;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.http.Bodies;
import io.keyroute.providers.http.Transport;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.server.config.A2aAgentSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The agents' own cards, fetched from them with their configured credential and kept for {@link #TTL} (cards
 * change rarely; callers fetch them often). Where the config names no {@code card_url}, the card is at
 * {@code /.well-known/agent-card.json} on the agent URL's origin, or, for agents older than A2A 0.3, at
 * {@code /.well-known/agent.json}. A card larger than the bound, not a JSON object, or not there fails the
 * fetch; failures are not kept. Callers asking while a card is fetched wait for that fetch.
 */
final class AgentCards {
    static final Duration TTL = Duration.ofSeconds(60);
    static final String CARD_PATH = "/.well-known/agent-card.json";
    static final String LEGACY_CARD_PATH = "/.well-known/agent.json";
    /** A card is a page of metadata; a megabyte is far more than any. */
    private static final int MAX_CARD_BYTES = 1024 * 1024;

    private final Supplier<Transport> transport;
    /** By the agent's settings, so a reload that changes an agent fetches its card anew. */
    private final Cache<A2aAgentSettings, JsonNode> cards =
            Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(1_000).build();

    AgentCards(Supplier<Transport> transport) {
        this.transport = transport;
    }

    /** A copy of the agent's card, for the caller to rewrite. */
    ObjectNode card(A2aAgentSettings agent) {
        // One fetch per agent at a time: callers arriving while it runs wait for it rather than fetch again.
        return ((ObjectNode) cards.get(agent, this::fetch)).deepCopy();
    }

    private JsonNode fetch(A2aAgentSettings agent) {
        if (agent.cardUrl() != null) {
            return fetch(agent, URI.create(agent.cardUrl()), false);
        }
        URI origin = URI.create(agent.url()).resolve("/");
        JsonNode card = fetch(agent, origin.resolve(CARD_PATH), true);
        return card != null ? card : fetch(agent, origin.resolve(LEGACY_CARD_PATH), false);
    }

    /** @param absentIsNull whether a 404 is null (try the next place) rather than a failure */
    private JsonNode fetch(A2aAgentSettings agent, URI uri, boolean absentIsNull) {
        Map<String, String> headers = new LinkedHashMap<>(agent.headers());
        headers.put("Accept", "application/json");
        Duration timeout = Duration.ofMillis(Math.min(agent.timeoutMs(), 30_000));
        try (UpstreamExchange exchange = transport.get().send(agent.id(), UpstreamRequest.get(uri, headers), timeout)) {
            int status = exchange.status();
            if (status == 404 && absentIsNull) {
                return null;
            }
            if (status != 200) {
                throw A2aFailure.agentFailed(agent.id(), "agent_card_unavailable",
                        "answered HTTP " + status + " for its agent card", false);
            }
            byte[] body = Bodies.readAtMost(exchange.body(), Bodies.declaredLength(exchange.header("Content-Length")),
                    MAX_CARD_BYTES + 1);
            JsonNode card = body.length > MAX_CARD_BYTES ? null : parse(body);
            if (card == null || !card.isObject()) {
                throw A2aFailure.invalidAnswer(agent.id(), "an agent card that is not a JSON object of at most "
                        + MAX_CARD_BYTES + " bytes");
            }
            return card;
        } catch (UpstreamError e) {
            boolean timedOut = e.kind() == UpstreamError.Kind.TIMEOUT;
            throw A2aFailure.agentFailed(agent.id(), timedOut ? "agent_timeout" : "agent_unavailable",
                    "could not be reached for its agent card", timedOut);
        } catch (IOException | UncheckedIOException e) {
            throw A2aFailure.agentFailed(agent.id(), "agent_unavailable", "broke off its agent card", false);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The card paths {@code /a2a/{agent}} serves, the current one first. */
    static List<String> paths() {
        return List.of(CARD_PATH, LEGACY_CARD_PATH);
    }
}
