package io.keyroute.server.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.common.LazyValue;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.error.GatewayError;
import io.keyroute.providers.http.HelidonTransport;
import io.keyroute.providers.http.Transport;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.A2aAgentSettings;
import io.keyroute.server.config.A2aSettings;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.http.exchange.RequestIds;
import io.keyroute.server.inference.attempts.Watchdog;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.server.limits.InFlightLimits;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.runtime.GatewayRuntime;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /a2a/{agent}}: the A2A gateway. {@code POST} takes a JSON-RPC request with a Keyroute key as Bearer,
 * checks the key may use the agent ({@code a2a.access}), holds an in-flight slot and one of the key's requests
 * per minute, and {@link AgentProxy relays} it to the agent with the agent's own credential. {@code GET
 * …/.well-known/agent-card.json} (and the older {@code agent.json}) serves the agent's card
 * {@link CardRewriter rewritten} to point here; it needs a key allowed the agent unless the agent's
 * {@code public_card} is set. Refusals are JSON-RPC errors ({@link A2aFailure}); an unknown agent and one the
 * key may not use get the same 404. Each call ends in one {@link A2aCall} for the metrics and the audit.
 */
public final class A2aService implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(A2aService.class);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<GatewayRuntime> runtimes;
    private final CallerAuth auth;
    private final InFlightLimits limits;
    private final RequestGate requests;
    private final A2aEvents events;
    private final AgentCards cards;
    private final AgentProxy proxy;
    private volatile A2aAgents agents = new A2aAgents(A2aSettings.DEFAULT);

    /**
     * @param limits   what a call holds while it runs: a slot in all and one of the key's
     * @param requests what a call takes first: one of the key's requests per minute
     * @param watchdog bounds writes to a caller who stopped reading, and an agent's whole answer
     */
    public A2aService(Supplier<GatewayRuntime> runtimes, CallerAuth auth, InFlightLimits limits, RequestGate requests,
                      A2aEvents events, Watchdog watchdog) {
        this.runtimes = runtimes;
        this.auth = auth;
        this.limits = limits;
        this.requests = requests;
        this.events = events;
        // Built at the first call: most gateways proxy no agent. Agent URLs are the operator's, trusted like
        // providers' base URLs.
        LazyValue<Transport> transport = LazyValue.create(() -> new HelidonTransport(CONNECT_TIMEOUT,
                runtimes.get().config().server().upstreamConnections()));
        this.cards = new AgentCards(transport);
        this.proxy = new AgentProxy(transport, watchdog,
                Duration.ofMillis(runtimes.get().config().server().writeTimeoutMs()));
    }

    @Override
    public void routing(HttpRules rules) {
        for (String path : AgentCards.paths()) {
            rules.get("/{agent}" + path, this::card);
        }
        rules.post("/{agent}", this::call);
    }

    /** The current config's agents, compiled once per config version. */
    private A2aAgents agents(KeyrouteConfig config) {
        A2aAgents current = agents;
        if (current.settings() != config.a2a()) {
            current = new A2aAgents(config.a2a());
            agents = current;
        }
        return current;
    }

    private void card(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        String id = req.path().pathParameters().get("agent");
        A2aAgents agents = agents(runtimes.get().config());
        Caller caller = null;
        String agentId = null;
        String outcome = "ok";
        try {
            A2aAgentSettings agent = agents.agent(id).filter(A2aAgentSettings::publicCard).orElse(null);
            if (agent == null) {
                caller = auth.require(req);
                agent = agents.usable(caller, id);
            }
            agentId = agent.id();
            String endpoint = publicUrl(req, agents.settings()) + "/a2a/" + agent.id();
            byte[] card = RpcReplies.bytes(CardRewriter.rewrite(cards.card(agent), endpoint));
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.header(HeaderNames.CACHE_CONTROL, (agent.publicCard() ? "public" : "private") + ", max-age="
                    + AgentCards.TTL.toSeconds());
            res.send(card);
        } catch (RuntimeException e) {
            A2aFailure failure = failure(e);
            outcome = e instanceof A2aAgents.Denied ? A2aCall.DENIED : failure.code();
            agentId = e instanceof A2aAgents.Denied ? id : agentId;
            refuse(res, null, failure);
        }
        ended(new A2aCall(caller, agentId, A2aCall.CARD, outcome, res.status().code(), 0, System.nanoTime() - start));
    }

    private void call(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        String id = req.path().pathParameters().get("agent");
        GatewayRuntime runtime = runtimes.get();
        KeyrouteConfig config = runtime.config();
        A2aAgents agents = agents(config);
        Caller caller = null;
        String agentId = null;
        RpcRequest rpc = null;
        AgentProxy.Relayed relayed;
        try (InFlightLimits.Pass pass = limits.open()) {
            caller = auth.require(req);
            A2aAgentSettings agent = agents.usable(caller, id);
            agentId = agent.id();
            pass.enter(caller.keyId());
            byte[] body = pass.body(req, config.server().maxRequestBytes());
            rpc = RpcRequest.parse(body);
            if (A2aMethods.kind(rpc.method()) == A2aMethods.Kind.PUSH_CONFIG) {
                throw new A2aFailure(200, A2aFailure.PUSH_NOTIFICATION_NOT_SUPPORTED, "push_notifications_not_supported",
                        "Push notifications are not supported through Keyroute; use message/stream or tasks/get.");
            }
            requests.admit(new GateRequest(RequestIds.next(), caller, null, null, body.length)); // not routed
            String endpoint = publicUrl(req, agents.settings()) + "/a2a/" + agent.id();
            relayed = proxy.forward(agent, rpc, body, req.headers(), res,
                    card -> CardRewriter.rewrite(card, endpoint), agents.settings().maxResponseBytes(),
                    Duration.ofMillis(config.server().streamMaxMs()));
        } catch (RuntimeException e) {
            A2aFailure failure = failure(e);
            boolean denied = e instanceof A2aAgents.Denied;
            agentId = denied ? id : agentId;
            if (!res.isSent()) {
                refuse(res, rpc == null ? null : rpc.id(), failure);
            }
            relayed = new AgentProxy.Relayed(denied ? A2aCall.DENIED : failure.code(), failure.httpStatus(), 0);
        }
        ended(new A2aCall(caller, agentId, rpc == null ? A2aMethods.label(null) : A2aMethods.label(rpc.method()),
                relayed.outcome(), relayed.status(), relayed.events(), System.nanoTime() - start));
    }

    /** What a failure answers: its own, a gateway refusal's, or (anything unforeseen) an internal error. */
    private static A2aFailure failure(RuntimeException e) {
        if (e instanceof A2aFailure failure) {
            return failure;
        }
        if (e instanceof A2aAgents.Denied) {
            return A2aAgents.notFound();
        }
        if (e instanceof GatewayError error) {
            return A2aFailure.of(error);
        }
        LOG.error("a2a call failed unexpectedly", e);
        return new A2aFailure(500, A2aFailure.INTERNAL_ERROR, "internal_error", "Keyroute failed to relay this call.");
    }

    private static void refuse(ServerResponse res, JsonNode id, A2aFailure failure) {
        res.status(Status.create(failure.httpStatus()));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        if (failure.httpStatus() == 401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"keyroute\"");
        }
        failure.retryAfter().ifPresent(d -> res.header(HeaderNames.RETRY_AFTER,
                String.valueOf(Math.max(1, (d.toMillis() + 999) / 1000))));
        res.send(RpcReplies.error(id, failure));
    }

    /** Keyroute's URL as this caller reaches it: the configured one, else the scheme and host it used. */
    private static String publicUrl(ServerRequest req, A2aSettings settings) {
        if (settings.publicUrl() != null) {
            return settings.publicUrl();
        }
        String host = req.headers().first(HeaderNames.HOST).filter(h -> HOST.matcher(h).matches())
                .orElse(req.localPeer().host() + ":" + req.localPeer().port());
        boolean https = req.isSecure() || req.headers().first(HeaderNames.X_FORWARDED_PROTO)
                .map("https"::equalsIgnoreCase).orElse(false);
        return (https ? "https://" : "http://") + host;
    }

    /** Tells the metrics and audit; a failing audit store is logged, never thrown at the caller already answered. */
    private void ended(A2aCall call) {
        try {
            events.called(call);
        } catch (RuntimeException e) {
            LOG.warn("a2a call not recorded: {}", e.toString());
        }
    }
}
