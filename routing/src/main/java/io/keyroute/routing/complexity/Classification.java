package io.keyroute.routing.complexity;

import java.util.List;

/**
 * A classifier verdict and its evidence.
 *
 * @param score    the points the features added up to
 * @param deciding the features that scored, largest first, as short phrases ("3 code blocks")
 */
public record Classification(Complexity complexity, int score, RequestFeatures features, List<String> deciding) {
    public Classification {
        deciding = List.copyOf(deciding);
    }
}
