package io.keyroute.guardrails.injection;

/**
 * A model that scores a whole text as a prompt injection, for phrasings no pattern knows: the
 * in-process classifier an operator supplies as an ONNX model file. Thread-safe.
 */
@FunctionalInterface
public interface InjectionClassifier {
    /** The probability, 0 to 1, that {@code text} is an injection attempt. */
    double probability(String text);
}
