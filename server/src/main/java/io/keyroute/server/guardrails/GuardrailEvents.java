package io.keyroute.server.guardrails;

/**
 * What the guardrails tell the metrics: every name here is a configured step's name, a place
 * ({@code input}, {@code output}), an action or an entity type, never a matched value.
 */
public interface GuardrailEvents {
    GuardrailEvents NONE = new GuardrailEvents() {
        @Override
        public void evaluated(String step, String place, long nanos) {
        }

        @Override
        public void decided(String step, String place, String action) {
        }

        @Override
        public void redacted(String step, String entity, int count) {
        }

        @Override
        public void failed(String step, String place, String reason) {
        }
    };

    /** A step checked a request or an answer (a whole one, or a stream's end) in {@code nanos}. */
    void evaluated(String step, String place, long nanos);

    /** What it did: {@code pass}, {@code redact}, {@code block} or {@code log}. */
    void decided(String step, String place, String action);

    /** It replaced {@code count} values of {@code entity} by placeholders. */
    void redacted(String step, String entity, int count);

    /** It threw ({@code error}) or ran past its timeout ({@code timeout}). */
    void failed(String step, String place, String reason);
}
