package io.keyroute.server.inference;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.error.GatewayError;
import io.keyroute.server.guardrails.GuardrailRun;
import io.keyroute.server.inference.attempts.PlanFailed;
import io.keyroute.usage.Charge;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.Provider;
import io.keyroute.providers.http.Bodies;
import io.keyroute.api.Usage;
import io.keyroute.server.inference.attempts.Attempt;
import io.keyroute.server.inference.attempts.BilledFailure;
import io.keyroute.server.inference.attempts.Outcome;
import io.keyroute.server.inference.attempts.Watchdog;
import io.keyroute.server.telemetry.AttemptSpans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Delivers a non-streaming answer: reads it whole (a read that fails is an attempt that failed,
 * so it can be retried, charged at its bound), translates it, tells the {@link Completion} and
 * sends it in one write. The attempt's deadline (the provider's timeout, from the send) bounds the
 * whole read; the write timeout bounds the send to a caller who stopped reading.
 */
public final class JsonDelivery {
    /** Larger than any chat answer; a bound so a broken upstream cannot exhaust memory. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    private final Watchdog watchdog;
    private final Duration writeTimeout;

    public JsonDelivery(Watchdog watchdog, Duration writeTimeout) {
        this.watchdog = watchdog;
        this.writeTimeout = writeTimeout;
    }

    Outcome deliver(ChatRequest request, Attempt attempt, CallerSide caller, Completion done) {
        return deliver(attempt, caller, done, body -> attempt.provider().adapter().fromUpstream(request, body));
    }

    /** Delivers any whole JSON answer; {@code translate} turns the provider's body into the caller's. */
    Outcome deliver(Attempt attempt, CallerSide caller, Completion done,
                    java.util.function.Function<byte[], ChatResult> translate) {
        Provider provider = attempt.provider();
        byte[] body;
        try (var exchange = attempt.exchange()) {
            body = Bodies.readAtMost(exchange.body(), Bodies.declaredLength(exchange.header("content-length")),
                    MAX_ANSWER_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            throw unread(attempt, done, attempt.readFailure(e, provider.timeout()));
        }
        if (body.length > MAX_ANSWER_BYTES) {
            throw unread(attempt, done,
                    UpstreamError.protocol(provider.id(), "answer larger than " + MAX_ANSWER_BYTES + " bytes"));
        }
        ChatResult result;
        try {
            result = translate.apply(body);
        } catch (UncheckedIOException e) {
            throw unread(attempt, done, UpstreamError.protocol(provider.id(), "answer is not valid JSON"));
        }
        Charge charge = done.metering().reported(attempt, result.usage());
        GuardrailRun guardrails = done.guardrails();
        if (guardrails != null && guardrails.checksAnswer()) {
            result = guarded(guardrails, result, attempt, charge);
        }
        AttemptSpans.answered(attempt.span(), result.body(), done.capturesContent()); // nothing when untraced
        var outcome = new Outcome(attempt, 200, charge, System.nanoTime(), "ok");
        done.completing(outcome);
        try (var send = watchdog.watch()) {
            send.arm(writeTimeout);
            caller.sendJson(result.body());
        } catch (RuntimeException e) {
            // The caller left during the send. Its record is made (the provider billed the answer); the
            // request still ends normally, so that its limits are settled.
        }
        return outcome;
    }

    /** Sends a stored answer (a cache hit), within the write timeout; a caller who left meanwhile is no failure. */
    void replay(CallerSide caller, byte[] body) {
        try (var send = watchdog.watch()) {
            send.arm(writeTimeout);
            caller.sendJson(body);
        } catch (RuntimeException e) {
            // the caller left: the hit's record is made, and the request ends normally
        }
    }

    /**
     * The answer after the guardrails' output checks and the restoring of what they redacted; a refusal ends the
     * request with the guardrail's error, the answer billed.
     */
    private static ChatResult guarded(GuardrailRun guardrails, ChatResult result, Attempt attempt, Charge charge) {
        try {
            byte[] checked = guardrails.answer(result.body());
            return checked == result.body() ? result : new ChatResult(checked, result.usage());
        } catch (IOException e) {
            return result; // not a JSON object: no answer text to check (the adapter wrote it, so never in practice)
        } catch (GatewayError refused) {
            throw PlanFailed.answerRefused(refused, attempt, charge);
        }
    }

    /** The provider accepted the call and answered with a success status: it bills the answer no one could read. */
    private static BilledFailure unread(Attempt attempt, Completion done, UpstreamError failure) {
        return new BilledFailure(failure, done.metering().unfinished(attempt, Usage.NONE));
    }
}
