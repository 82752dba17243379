package io.keyroute.server.inference;

import io.keyroute.server.accounting.Metering;
import io.keyroute.server.guardrails.GuardrailRun;
import io.keyroute.server.inference.attempts.Outcome;

/**
 * Told once, just before the last byte of an answer leaves (the single send of a JSON answer, a
 * stream's final events, the error event of a stream cut short), how the answer ends: the
 * request's record is made and made durable then, so a caller never holds a whole answer that
 * the ledger could lose. Its {@link Metering} says what each attempt is charged.
 */
public interface Completion {
    void completing(Outcome outcome);

    Metering metering();

    /** Whether the config puts prompts and answers in traces ({@code telemetry.capture_content}). */
    default boolean capturesContent() {
        return false;
    }

    /** The guardrails that check the answer (and restore what they redacted), or null when none apply. */
    default GuardrailRun guardrails() {
        return null;
    }
}
