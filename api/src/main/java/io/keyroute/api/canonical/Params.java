package io.keyroute.api.canonical;

import java.util.List;

/** Sampling and output controls; null means "not set, use the provider's default". */
public record Params(Integer maxTokens, Double temperature, Double topP, List<String> stop, Long seed,
                     ResponseFormat responseFormat, String user, Boolean parallelToolCalls) {

    public static final Params NONE = new Params(null, null, null, List.of(), null, null, null, null);

    public Params {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
