package io.keyroute.server.inference;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Usage;
import io.keyroute.api.error.GatewayError;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.server.guardrails.GuardrailRun;
import io.keyroute.server.guardrails.StreamGuard;
import io.keyroute.server.inference.attempts.PlanFailed;
import io.keyroute.providers.Provider;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.StreamOutput;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.providers.sse.SseReader;
import io.keyroute.routing.health.Health;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.BilledFailure;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.inference.attempts.Watchdog;
import io.keyroute.usage.Charge;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.telemetry.AttemptSpans;

/**
 * Relays an upstream stream to the caller event by event, each flushed as it arrives (no
 * buffering). Before the first byte reaches the caller, an upstream failure is thrown so the
 * attempt can fail over (a {@link BilledFailure}: the provider accepted the call and bills it);
 * after it, the failure is sent as a final SSE error event. An error event from the provider is
 * such a failure, whatever the provider: the caller has it already (in its own API shape), the
 * circuit hears of it, and the outcome is {@code cut}. The {@link Completion} is told before the
 * final events: the first one written after the provider's end marker, or the error event.
 *
 * <p>Time is bounded on both sides: the upstream gets its provider's timeout between events (not
 * per read, so a byte at a time does not keep it alive) and {@code streamMax} in all; a write to
 * the caller gets {@code writeTimeout}.
 */
public final class StreamRelay {
    private final Heartbeats heartbeats;
    private final Health health;
    private final Watchdog watchdog;
    private final Duration writeTimeout;
    private final Duration streamMax;

    public StreamRelay(Heartbeats heartbeats, Health health, Watchdog watchdog, Duration writeTimeout, Duration streamMax) {
        this.heartbeats = heartbeats;
        this.health = health;
        this.watchdog = watchdog;
        this.writeTimeout = writeTimeout;
        this.streamMax = streamMax;
    }

    Outcome relay(ChatRequest request, Attempt attempt, CallerSide caller, Completion done) {
        return relay(request, attempt, caller, done, event -> { });
    }

    /** As {@link #relay(ChatRequest, Attempt, CallerSide, Completion)}; {@code relayed} sees each event just before the caller is sent it. */
    Outcome relay(ChatRequest request, Attempt attempt, CallerSide caller, Completion done,
                  Consumer<SseEvent> relayed) {
        ClientStream client = new ClientStream(caller, watchdog.watch(), writeTimeout);
        StreamDecoder decoder = attempt.provider().adapter().newStreamDecoder(request);
        GuardrailRun guardrails = done.guardrails();
        StreamGuard guard = guardrails != null && guardrails.checksAnswer() ? guardrails.stream(request.format()) : null;
        var out = new Output(client, decoder, attempt, done, relayed, guard);
        UpstreamError failure = pump(attempt, decoder, client, out);
        if (guard != null && guard.refused() != null) {
            return refused(request, attempt, client, out, guard.refused());
        }
        if (failure != null && !client.committed()) {
            client.finish();
            throw new BilledFailure(failure, out.charge());
        }
        if (failure != null) {
            // Too late to fail over, but the provider's circuit must still hear of it.
            health.failed(attempt.target(), attempt.credential().id(), failure);
            out.completing("cut");
            if (decoder.reportedError() == null) { // else the provider's own error event was the last one relayed
                client.write(ErrorResponses.streamEvent(request.format(), failure, out.sent));
            }
        }
        client.finish();
        return out.outcome(client.gone() ? "cancelled" : failure != null ? "cut" : "ok");
    }

    /**
     * Sends a stored stream's events (a cache hit) as fast as the caller reads them, each within the write
     * timeout, framed as a relayed stream is.
     *
     * @return when its first byte went out ({@link System#nanoTime()}), 0 if the caller had gone before
     */
    long replay(CallerSide caller, List<SseEvent> events) {
        ClientStream client = new ClientStream(caller, watchdog.watch(), writeTimeout);
        for (SseEvent event : events) {
            if (!client.write(event)) {
                break;
            }
        }
        client.finish();
        return client.firstByteNanos();
    }

    /**
     * A guardrail refused the answer on its way: before anything reached the caller, the request fails with the
     * guardrail's error (the attempt billed); after, the stream ends with it as an error event.
     */
    private static Outcome refused(ChatRequest request, Attempt attempt, ClientStream client, Output out,
                                   GatewayError refusal) {
        if (!client.committed()) {
            client.finish();
            throw PlanFailed.answerRefused(refusal, attempt, out.charge());
        }
        out.completing("cut");
        client.write(ErrorResponses.streamEvent(request.format(), refusal, out.sent));
        client.finish();
        return out.outcome("cut");
    }

    /** Moves events until the upstream ends, the caller leaves or a guardrail refuses; the upstream failure, if any. */
    private UpstreamError pump(Attempt attempt, StreamDecoder decoder, ClientStream client, Output out) {
        Provider provider = attempt.provider();
        UpstreamExchange exchange = attempt.exchange();
        Watchdog.Watch deadline = attempt.deadline();
        Heartbeats.Watch heartbeat = heartbeats.watch(client, exchange::cancel);
        long end = System.nanoTime() + streamMax.toNanos();
        Duration bound = provider.timeout();
        try (exchange) {
            SseReader reader = new SseReader(exchange.body());
            while (true) {
                // The next event within the provider's timeout, and all of them within streamMax.
                long left = end - System.nanoTime();
                bound = left < provider.timeout().toNanos() ? streamMax : provider.timeout();
                deadline.arm(Duration.ofNanos(Math.min(left, provider.timeout().toNanos())));
                SseEvent event = reader.next();
                deadline.disarm(); // writing to the caller is not the upstream's time
                if (event == null || client.gone()) {
                    break;
                }
                decoder.onEvent(event, out);
                if (out.refused()) {
                    exchange.cancel();
                    return null;
                }
            }
            if (client.gone()) {
                exchange.cancel();
                return null;
            }
            if (!decoder.complete()) {
                return UpstreamError.interrupted(provider.id(), "the stream ended before its end marker");
            }
            String reported = decoder.reportedError();
            return reported == null ? null : UpstreamError.interrupted(provider.id(),
                    "its stream reported an error: " + KnownSecrets.mask(reported, attempt.credential().apiKey()));
        } catch (IOException | RuntimeException e) {
            return client.gone() ? null : attempt.readFailure(e, bound);
        } finally {
            heartbeat.close();
        }
    }

    /** Writes decoded events to the caller, keeps the last usage report, and tells the completion once. */
    private static final class Output implements StreamOutput {
        private final ClientStream client;
        private final StreamDecoder decoder;
        private final Attempt attempt;
        private final Completion done;
        private final Consumer<SseEvent> relayed;
        private final StreamGuard guard;
        private Usage usage = Usage.NONE;
        /** events written to the caller: a Responses stream's error event is numbered after them */
        private int sent;
        private boolean finalCount;
        private boolean told;

        /** @param guard the guardrails' check of each event, or null when none checks the answer */
        Output(ClientStream client, StreamDecoder decoder, Attempt attempt, Completion done, Consumer<SseEvent> relayed,
               StreamGuard guard) {
            this.client = client;
            this.guard = guard;
            this.decoder = decoder;
            this.attempt = attempt;
            this.done = done;
            this.relayed = relayed;
        }

        @Override
        public void event(SseEvent event) {
            if (decoder.complete()) {
                // the provider's end marker or error event was seen: what follows are the final events
                completing(decoder.reportedError() == null ? "ok" : "cut");
            }
            SseEvent sending = withoutKeys(event);
            relayed.accept(sending); // first: what it records is there when the caller reads the event
            AttemptSpans.streamed(attempt.span(), sending); // the model and finish reason, when traced
            if (guard == null) {
                write(sending);
            } else {
                guard.pass(sending, this::write);
            }
        }

        private void write(SseEvent event) {
            client.write(event);
            sent++;
        }

        /** Whether a guardrail refused the answer: no more of it is sent. */
        boolean refused() {
            return guard != null && guard.refused() != null;
        }

        /**
         * The event with the attempt's own key and every known secret masked: an upstream may quote
         * the key back in a mid-stream error event, which is relayed as it came or translated from it.
         */
        private SseEvent withoutKeys(SseEvent event) {
            String data = KnownSecrets.mask(event.data(), attempt.credential().apiKey());
            return data.equals(event.data()) ? event : new SseEvent(event.event(), data);
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

        /**
         * What the attempt is charged: the provider's final count once it reported it, else (the
         * caller left, the stream broke, the provider never counted) what it reported so far
         * completed by the bound.
         */
        Charge charge() {
            return finalCount ? done.metering().reported(attempt, usage)
                    : done.metering().unfinished(attempt, usage);
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
    }
}
