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
import io.keyroute.server.pipeline.BilledFailure;
import io.keyroute.server.pipeline.Outcome;
import io.keyroute.usage.Charge;
import java.io.IOException;

/**
 * Relays an upstream stream to the caller event by event, each flushed as it arrives (no
 * buffering). Before the first byte reaches the caller, an upstream failure is thrown so the
 * attempt can fail over (a {@link BilledFailure}: the provider accepted the call and bills it);
 * after it, the failure is sent as a final SSE error event. The {@link Completion} is told before
 * the final events: the first one written after the provider's end marker, or the error event.
 */
final class StreamRelay {
    private final Heartbeats heartbeats;
    private final Health health;

    StreamRelay(Heartbeats heartbeats, Health health) {
        this.heartbeats = heartbeats;
        this.health = health;
    }

    Outcome relay(ChatRequest request, Attempt attempt, ServerResponse response, Completion done) {
        ClientStream client = new ClientStream(response);
        StreamDecoder decoder = attempt.provider().adapter().newStreamDecoder(request);
        var out = new Output(client, decoder, attempt, done);
        UpstreamError failure = pump(attempt, decoder, client, out);
        if (failure != null && !client.committed()) {
            throw new BilledFailure(failure, out.charge());
        }
        if (failure != null) {
            // Too late to fail over, but the provider's circuit must still hear of it.
            health.failed(attempt.target(), attempt.credential().id(), failure);
            out.completing("cut");
            client.write(ErrorResponses.streamEvent(request.format(), failure).toBytes());
        }
        client.finish();
        return out.outcome(client.gone() ? "cancelled" : failure != null ? "cut" : "ok");
    }

    /** Moves events until the upstream ends or the caller leaves; the upstream failure, if any. */
    private UpstreamError pump(Attempt attempt, StreamDecoder decoder, ClientStream client, Output out) {
        Provider provider = attempt.provider();
        UpstreamExchange exchange = attempt.exchange();
        Heartbeats.Watch heartbeat = heartbeats.watch(client, exchange::cancel);
        try (exchange) {
            SseReader reader = new SseReader(exchange.body());
            for (SseEvent event = reader.next(); event != null && !client.gone(); event = reader.next()) {
                out.read(event);
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
            heartbeat.close();
        }
    }

    /**
     * Writes decoded events to the caller, keeps the last usage report and how much answer was
     * read, and tells the completion once.
     */
    private static final class Output implements StreamOutput {
        private final ClientStream client;
        private final StreamDecoder decoder;
        private final Attempt attempt;
        private final Completion done;
        private Usage usage = Usage.NONE;
        private boolean finalCount;
        private long answerBytes;
        private boolean told;

        Output(ClientStream client, StreamDecoder decoder, Attempt attempt, Completion done) {
            this.client = client;
            this.decoder = decoder;
            this.attempt = attempt;
            this.done = done;
        }

        @Override
        public void event(SseEvent event) {
            if (decoder.complete()) {
                completing("ok"); // the provider's end marker was seen: what follows are the final events
            }
            client.write(event.toBytes());
        }

        @Override
        public void usage(Usage reported) {
            usage = reported;
            finalCount = true;
        }

        @Override
        public void partialUsage(Usage reported) {
            usage = reported;
            finalCount = false;
        }

        /** An event read from the provider, before it is decoded: its bytes bound the tokens read so far. */
        void read(SseEvent event) {
            answerBytes += utf8Length(event.data());
        }

        /**
         * What the attempt is charged: the provider's final count once it reported it, else (the
         * caller left, the stream broke, the provider never counted) what it reported so far
         * completed by the bound.
         */
        Charge charge() {
            return finalCount ? done.metering().reported(attempt, usage)
                    : done.metering().unfinished(attempt, usage, answerBytes);
        }

        /** Tells the completion, once, that the answer ends with {@code result}; the next write is a final one. */
        void completing(String result) {
            if (!told) {
                told = true;
                long firstByte = client.committed() ? client.firstByteNanos() : System.nanoTime();
                done.completing(new Outcome(attempt, 200, charge(), firstByte, result));
            }
        }

        Outcome outcome(String result) {
            return new Outcome(attempt, client.committed() ? 200 : 499, charge(), client.firstByteNanos(), result);
        }

        private static long utf8Length(String text) {
            long bytes = text.length();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 0x80) { // 2 bytes below U+0800, 3 above; a surrogate pair's 4 bytes count 2 + 2
                    bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
                }
            }
            return bytes;
        }
    }
}
