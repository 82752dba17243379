package io.keyroute.server.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.http.Bodies;
import io.keyroute.providers.http.Transport;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.providers.sse.SseReader;
import io.keyroute.providers.sse.SseTooLarge;
import io.keyroute.server.config.A2aAgentSettings;
import io.keyroute.server.inference.attempts.Watchdog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Sends a caller's JSON-RPC request to its agent and relays the answer: one JSON response, checked to be one
 * and bounded in size, or (when the agent answers {@code text/event-stream}, as for {@code message/stream})
 * its events one by one as they arrive, each checked and flushed, never buffered. The agent gets the body as
 * the caller sent it, the A2A headers it needs, and its own credential from the config: never the caller's key.
 * Before the first byte to the caller a failure is thrown; after it, it becomes the stream's last event.
 */
final class AgentProxy {
    /** The caller's headers an agent may see: A2A's own, and the trace context. */
    private static final List<String> RELAYED = List.of("A2A-Version", "A2A-Extensions", "X-A2A-Extensions",
            "traceparent", "tracestate");

    private final Supplier<Transport> transport;
    private final Watchdog watchdog;
    private final Duration writeTimeout;

    /** @param writeTimeout how long one write to the caller may take before the caller counts as gone */
    AgentProxy(Supplier<Transport> transport, Watchdog watchdog, Duration writeTimeout) {
        this.transport = transport;
        this.watchdog = watchdog;
        this.writeTimeout = writeTimeout;
    }

    /** How a relayed call ended. */
    record Relayed(String outcome, int status, long events) {
    }

    /**
     * @param card    how an agent card in a JSON result is rewritten (the extended-card methods' results)
     * @param maxJson the most one JSON answer may hold
     * @param maxStream how long a stream may last in all
     */
    Relayed forward(A2aAgentSettings agent, RpcRequest rpc, byte[] body, Headers callerHeaders, ServerResponse res,
                    UnaryOperator<ObjectNode> card, long maxJson, Duration maxStream) {
        Duration timeout = Duration.ofMillis(agent.timeoutMs());
        UpstreamExchange exchange = send(agent, body, callerHeaders, timeout);
        try (exchange) {
            String type = exchange.header("Content-Type");
            if (exchange.status() / 100 == 2 && type != null
                    && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                return stream(agent.id(), rpc, exchange, res, maxStream);
            }
            return json(agent.id(), rpc, exchange, res, card, maxJson, timeout);
        }
    }

    private UpstreamExchange send(A2aAgentSettings agent, byte[] body, Headers callerHeaders, Duration timeout) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : RELAYED) {
            callerHeaders.first(HeaderNames.create(name)).ifPresent(value -> headers.put(name, value));
        }
        headers.putAll(agent.headers());
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        try {
            return transport.get().send(agent.id(), new UpstreamRequest(URI.create(agent.url()), headers, body, true),
                    timeout);
        } catch (UpstreamError e) {
            throw unreachable(agent.id(), e.kind() == UpstreamError.Kind.TIMEOUT);
        }
    }

    private static A2aFailure unreachable(String agent, boolean timeout) {
        return timeout ? A2aFailure.agentFailed(agent, "agent_timeout", "did not answer in time", true)
                : A2aFailure.agentFailed(agent, "agent_unavailable", "could not be reached", false);
    }

    private Relayed json(String agent, RpcRequest rpc, UpstreamExchange exchange, ServerResponse res,
                         UnaryOperator<ObjectNode> card, long maxJson, Duration timeout) {
        byte[] answer;
        try (Watchdog.Watch whole = watchdog.watch(timeout, exchange::cancel)) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, maxJson + 1);
            answer = Bodies.readAtMost(exchange.body(), Bodies.declaredLength(exchange.header("Content-Length")), cap);
            if (whole.expired()) {
                throw unreachable(agent, true);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof A2aFailure failure) {
                throw failure;
            }
            throw timedOut(e) ? unreachable(agent, true)
                    : A2aFailure.agentFailed(agent, "agent_unavailable", "broke off its answer", false);
        }
        int status = exchange.status();
        if (answer.length > maxJson) {
            throw A2aFailure.invalidAnswer(agent, "more than " + maxJson + " bytes");
        }
        if (status == 401 || status == 403 || status == 407) {
            throw A2aFailure.agentFailed(agent, "agent_refused_credential",
                    "refused Keyroute's credential for it (HTTP " + status + "); the operator's a2a config must set it", false);
        }
        JsonNode response = AgentAnswers.response(answer);
        if (response == null || (status / 100 != 2 && !response.has("error"))) {
            if (status / 100 != 2) {
                throw A2aFailure.agentFailed(agent, "agent_error", "answered HTTP " + status, false);
            }
            throw A2aFailure.invalidAnswer(agent, "something else");
        }
        if (A2aMethods.kind(rpc.method()) == A2aMethods.Kind.CARD && response.path("result").isObject()) {
            ((ObjectNode) response).set("result", card.apply((ObjectNode) response.get("result")));
            answer = RpcReplies.bytes(response);
        }
        res.status(Status.create(status));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        try (Watchdog.Watch write = watchdog.watch()) {
            write.arm(writeTimeout); // a caller who does not read the answer is cut, as a stream's would be
            res.send(answer);
        } catch (RuntimeException gone) {
            return new Relayed("caller_gone", status, 0);
        }
        return new Relayed(response.has("error") ? "agent_error_reply" : "ok", status, 0);
    }

    private Relayed stream(String agent, RpcRequest rpc, UpstreamExchange exchange, ServerResponse res,
                           Duration maxStream) {
        res.status(Status.OK_200);
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8"));
        res.header(HeaderValues.CACHE_NO_CACHE);
        res.header(HeaderValues.create(HeaderNames.create("x-accel-buffering"), "no"));
        var reader = new SseReader(exchange.body());
        long events = 0;
        A2aFailure failure = null;
        try (Watchdog.Watch whole = watchdog.watch(maxStream, exchange::cancel);
             Watchdog.Watch writes = watchdog.watch();
             OutputStream out = res.outputStream()) {
            while (true) {
                SseEvent event;
                try {
                    event = reader.next();
                } catch (SseTooLarge e) {
                    failure = A2aFailure.invalidAnswer(agent, "an event larger than " + SseReader.MAX_EVENT_BYTES + " bytes");
                    break;
                } catch (IOException | RuntimeException e) {
                    failure = whole.expired() ? A2aFailure.agentFailed(agent, "agent_timeout", "streamed for longer than "
                            + maxStream.toSeconds() + " s", true)
                            : timedOut(e) ? A2aFailure.agentFailed(agent, "agent_timeout", "sent nothing in time", true)
                            : A2aFailure.agentFailed(agent, "agent_unavailable", "broke off its stream", false);
                    break;
                }
                if (event == null) {
                    break;
                }
                if (AgentAnswers.response(event.data()) == null) {
                    failure = A2aFailure.invalidAnswer(agent, "an event that is not JSON-RPC");
                    break;
                }
                if (!write(out, writes, event)) {
                    exchange.cancel();
                    return new Relayed("caller_gone", 200, events);
                }
                events++;
            }
            if (failure != null && !write(out, writes, SseEvent.data(new String(RpcReplies.error(rpc.id(), failure),
                    StandardCharsets.UTF_8)))) {
                exchange.cancel();
                return new Relayed("caller_gone", 200, events);
            }
        } catch (IOException | RuntimeException closing) {
            return new Relayed("caller_gone", 200, events);
        }
        return new Relayed(failure == null ? "ok" : failure.code(), 200, events);
    }

    /** Whether a read failed for the agent's silence (the transport's read timeout) rather than a broken connection. */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Writes and flushes one event within the write timeout; false when the caller has gone. */
    private boolean write(OutputStream out, Watchdog.Watch writes, SseEvent event) {
        try {
            writes.arm(writeTimeout);
            out.write(event.toBytes());
            out.flush();
            writes.disarm();
            return true;
        } catch (IOException | RuntimeException e) {
            writes.disarm();
            writes.clearInterrupt();
            return false;
        }
    }
}
