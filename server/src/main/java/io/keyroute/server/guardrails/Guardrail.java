package io.keyroute.server.guardrails;

import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.Detectors;
import java.util.List;

/**
 * What one guardrail type checks, at each of the three points of a request: the request's texts before
 * any provider sees them, a whole answer's texts after the response, and a streamed answer's text at each
 * chunk as it passes. Each point is a {@link Detector}: its findings are positions and entity types, and
 * local (its contract), so the same check reads a text whole or delta by delta. It sees texts only (never
 * the caller's credentials or headers); what to do with its findings (redact, block, log), when it applies
 * and what a failure means are the step's ({@link GuardrailStep}), the same for every type. Made once per
 * config version by its {@link GuardrailFactory}; thread-safe.
 */
public interface Guardrail {
    /** Before the request: finds in each of its texts (a message, a system prompt, a tool result). */
    Detectors beforeRequest();

    /** After the response: finds in each text of a whole answer. */
    Detectors afterResponse();

    /** On each stream chunk: finds in a streamed text, which is held back by at most its longest match. */
    Detectors onStreamChunk();

    /**
     * Whether a check is bounded CPU work on the text alone (a pattern, a checksum): it then runs on the
     * request's thread and its time is measured after it. Anything that may wait (a remote checker) says
     * false and runs on a thread of its own, abandoned at the step's timeout.
     */
    boolean local();

    /** The same detectors at all three points, run on the request's thread. */
    static Guardrail of(List<? extends Detector> detectors) {
        return new Same(Detectors.of(detectors), true);
    }

    static Guardrail of(Detector detector) {
        return of(List.of(detector));
    }

    /** A detector that may wait (it calls out): each check runs on a thread of its own, bounded by the timeout. */
    static Guardrail remote(Detector detector) {
        return new Same(Detectors.of(List.of(detector)), false);
    }

    /** The same detectors at every point. */
    record Same(Detectors detectors, boolean local) implements Guardrail {
        @Override
        public Detectors beforeRequest() {
            return detectors;
        }

        @Override
        public Detectors afterResponse() {
            return detectors;
        }

        @Override
        public Detectors onStreamChunk() {
            return detectors;
        }
    }
}
