package io.keyroute.routing.complexity;

/**
 * The measurable traits of a request the classifier scores.
 *
 * @param promptTokens          approximate prompt size (characters / 4)
 * @param requestedOutputTokens the caller's output limit, 0 if none
 */
public record RequestFeatures(int promptTokens, int turns, int codeBlocks, int mathSignals, int reasoningCues,
                              int tools, int images, int requestedOutputTokens) {
}
