package io.keyroute.server.inference;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.CallerAuth;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.limits.InFlightLimits;
import io.keyroute.server.runtime.GatewayRuntime;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Responses API's WebSocket mode ({@code GET /v1/responses} with {@code Upgrade: websocket},
 * Codex's default transport to OpenAI): the handshake's checks, the open sockets, their timer, and
 * their drain. Each socket is a {@link ResponsesSocket}; each of its responses runs the same
 * {@link InferenceFlow} as {@code POST /v1/responses}.
 *
 * <p>The handshake is answered before the upgrade, in OpenAI's shape: 401 without a valid key,
 * 429 when the key's in-flight slots are taken, 503 while draining. Helidon runs HTTP filters before
 * a routed upgrade, hence {@link #handshake()}.
 */
public final class ResponsesSockets implements AutoCloseable {
    /** Where the sockets are served. */
    public static final String PATH = "/v1/responses";

    private final InferenceFlow flow;
    private final ResponsesEndpoint endpoint;
    private final InFlightLimits limits;
    private final CallerAuth auth;
    private final Supplier<GatewayRuntime> runtimes;
    private final Set<ResponsesSocket> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keyroute-sockets");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param keepAlive how often each socket is pinged and its bounds checked: within Helidon's idle
     *                  connection timeout, which a socket's pong resets
     */
    public ResponsesSockets(InferenceFlow flow, JsonDelivery json, StreamRelay stream, ResponseKeeper keeper,
                            UpstreamKeptResponses upstreamKept, InFlightLimits limits, CallerAuth auth, Supplier<GatewayRuntime> runtimes,
                            Duration keepAlive) {
        this.flow = flow;
        this.endpoint = new ResponsesEndpoint(json, stream, keeper, upstreamKept);
        this.limits = limits;
        this.auth = auth;
        this.runtimes = runtimes;
        timer.scheduleAtFixedRate(this::sweep, keepAlive.toNanos(), keepAlive.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Helidon's listener for one new socket. */
    public WsListener connection() {
        return new ResponsesSocket(this, limits.open());
    }

    /** Refuses a handshake the socket would refuse, before the upgrade, as an HTTP answer in OpenAI's shape. */
    public Filter handshake() {
        return this::handshake;
    }

    private void handshake(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (PATH.equals(req.path().path())
                && req.headers().first(HeaderNames.UPGRADE).filter("websocket"::equalsIgnoreCase).isPresent()) {
            try (var trial = limits.open()) {
                admit(req.headers(), trial);
            } catch (GatewayError e) {
                ErrorResponses.send(res, WireFormat.OPENAI_RESPONSES, e);
                return;
            }
        }
        chain.proceed();
    }

    /** {@code GET /v1/responses} without an upgrade. */
    void plainGet(ServerRequest req, ServerResponse res) {
        ErrorResponses.send(res, WireFormat.OPENAI_RESPONSES, ClientError.badRequest("invalid_request",
                "GET /v1/responses is the Responses API's WebSocket mode: send 'Upgrade: websocket', "
                        + "or POST /v1/responses.", null));
    }

    /** Closes every socket, each once its running response has ended; new ones are refused by the limits' drain. */
    public void drain() {
        for (ResponsesSocket socket : open) {
            socket.retire(WsCloseCodes.GOING_AWAY, "shutting_down");
        }
    }

    /** The caller's key, then one of its in-flight slots, held by {@code pass}. */
    Caller admit(Headers headers, InFlightLimits.Pass pass) {
        Caller caller = auth.require(headers);
        pass.enter(caller.keyId());
        return caller;
    }

    /** A warm-up reaches no provider, but its key must still be good (it may have been revoked since the handshake). */
    void admitWarmUp(Headers headers) {
        auth.require(headers);
    }

    void opened(ResponsesSocket socket) {
        open.add(socket);
        if (limits.draining()) {
            socket.retire(WsCloseCodes.GOING_AWAY, "shutting_down");
        }
    }

    void closed(ResponsesSocket socket) {
        open.remove(socket);
    }

    /** One response, through the flow from its first step. */
    void run(SocketCaller caller) {
        flow.exchange(endpoint, caller).proceed();
    }

    long maxRequestBytes() {
        return runtimes.get().config().server().maxRequestBytes();
    }

    long maxNanos() {
        return Duration.ofMillis(runtimes.get().config().responses().websocketMaxMs()).toNanos();
    }

    private void sweep() {
        long now = System.nanoTime();
        long idle = Duration.ofMillis(runtimes.get().config().responses().websocketIdleMs()).toNanos();
        long max = maxNanos();
        for (ResponsesSocket socket : open) {
            try {
                socket.sweep(now, idle, max);
            } catch (RuntimeException e) {
                socket.retire(WsCloseCodes.UNEXPECTED_CONDITION, "internal_error"); // one socket's failure stops no other's timer
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
