package io.keyroute.catalog;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a model must offer to serve a request: capabilities (images → vision, PDFs → pdf, tools → tools,
 * {@code response_format} → json_mode, a stream → streaming) and room for the prompt plus the
 * output asked for.
 *
 * @param expectedOutputTokens the caller's limit, or {@link #DEFAULT_OUTPUT_TOKENS} for cost estimates
 */
public record Needs(Set<Capability> capabilities, int promptTokens, int requestedOutputTokens,
                    int expectedOutputTokens) {
    /** Output assumed for a cost estimate when the caller sets no limit. */
    public static final int DEFAULT_OUTPUT_TOKENS = 500;

    public Needs {
        capabilities = Set.copyOf(capabilities);
    }

    /** Why {@code model} cannot serve this request, or empty if it can. */
    public Optional<String> unmetBy(ModelInfo model) {
        for (Capability c : capabilities) {
            if (!model.has(c)) {
                return Optional.of("lacks " + c.configName());
            }
        }
        long room = (long) promptTokens + requestedOutputTokens;
        if (model.contextWindow() != null && room > model.contextWindow()) {
            return Optional.of("context window " + model.contextWindow() + " < ~" + room + " tokens");
        }
        if (model.maxOutputTokens() != null && requestedOutputTokens > model.maxOutputTokens()) {
            return Optional.of("max output " + model.maxOutputTokens() + " < " + requestedOutputTokens + " asked");
        }
        return Optional.empty();
    }

    /** The request's cost at {@code model}'s list price; empty when the model is unpriced. */
    public OptionalDouble estimatedUsd(ModelInfo model) {
        return model.costUsd(promptTokens, expectedOutputTokens);
    }
}
