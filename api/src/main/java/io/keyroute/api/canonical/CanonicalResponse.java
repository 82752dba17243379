package io.keyroute.api.canonical;

import io.keyroute.api.Usage;
import java.util.List;

/**
 * A finished answer in no provider's shape.
 *
 * @param stopSequence the stop sequence that ended the answer, when the provider says which
 */
public record CanonicalResponse(String id, String model, List<Part> content, FinishReason finishReason,
                                String stopSequence, Usage usage) {

    public CanonicalResponse {
        content = List.copyOf(content);
        usage = usage == null ? Usage.NONE : usage;
    }
}
