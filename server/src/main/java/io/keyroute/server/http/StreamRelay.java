package io.keyroute.server.http;

import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Usage;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.Provider;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.StreamOutput;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.http.UpstreamFailures;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.providers.sse.SseReader;
import io.keyroute.routing.health.Health;
import io.keyroute.server.pipeline.Attempt;
import io.keyroute.server.pipeline.Outcome;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;

/**
 * Relays an upstream stream to the caller event by event, each flushed as it arrives (no
 * buffering). Before the first byte reaches the caller, an upstream failure is thrown so the
 * attempt can fail over; after it, the failure is sent as a final SSE error event.
 */
final class StreamRelay {
    private final Heartbeats heartbeats;
    private final Health health;

    StreamRelay(Heartbeats heartbeats, Health health) {
        this.heartbeats = heartbeats;
        this.health = health;
    }

    Outcome relay(ChatRequest request, Attempt attempt, ServerResponse response) {
        ClientStream client = new ClientStream(response);
        var out = new Output(client);
        UpstreamError failure = pump(request, attempt, client, out);
        if (failure != null && !client.committed()) {
            throw failure;
        }
        if (failure != null) {
            // Too late to fail over, but the provider's circuit must still hear of it.
            health.failed(attempt.target(), attempt.credential().id(), failure);
            client.write(ErrorResponses.streamEvent(request.format(), failure).toBytes());
        }
        client.finish();
        String result = client.gone() ? "cancelled" : failure != null ? "cut" : "ok";
        return new Outcome(attempt, client.committed() ? 200 : 499, out.usage, client.firstByteNanos(), result);
    }

    /** Moves events until the upstream ends or the caller leaves; the upstream failure, if any. */
    private UpstreamError pump(ChatRequest request, Attempt attempt, ClientStream client, Output out) {
        Provider provider = attempt.provider();
        UpstreamExchange exchange = attempt.exchange();
        StreamDecoder decoder = provider.adapter().newStreamDecoder(request);
        ScheduledFuture<?> heartbeat = heartbeats.watch(client, exchange::cancel);
        try (exchange) {
            SseReader reader = new SseReader(exchange.body());
            for (SseEvent event = reader.next(); event != null && !client.gone(); event = reader.next()) {
                decoder.onEvent(event, out);
            }
            if (client.gone()) {
                exchange.cancel();
                return null;
            }
            return decoder.complete() ? null
                    : UpstreamError.interrupted(provider.id(), "the stream ended before its end marker");
        } catch (IOException | RuntimeException e) {
            return client.gone() ? null : UpstreamFailures.ofRead(provider.id(), e, provider.timeout());
        } finally {
            heartbeat.cancel(false);
        }
    }

    /** Writes decoded events to the caller and keeps the last usage report. */
    private static final class Output implements StreamOutput {
        private final ClientStream client;
        private Usage usage = Usage.NONE;

        Output(ClientStream client) {
            this.client = client;
        }

        @Override
        public void event(SseEvent event) {
            client.write(event.toBytes());
        }

        @Override
        public void usage(Usage reported) {
            usage = reported;
        }
    }
}
