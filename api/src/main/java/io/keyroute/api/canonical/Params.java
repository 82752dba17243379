package io.keyroute.api.canonical;

import java.util.List;

/**
 * Sampling and output controls; null means "not set, use the provider's default".
 *
 * @param thinking how much the model should reason before answering; null when not asked
 */
public record Params(Integer maxTokens, Double temperature, Double topP, List<String> stop, Long seed,
                     ResponseFormat responseFormat, String user, Boolean parallelToolCalls, Thinking thinking) {

    public static final Params NONE = new Params(null, null, null, List.of(), null, null, null, null, null);

    public Params {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
