package io.keyroute.routing;

import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Target;
import java.util.Optional;

/**
 * A target that passed every check, with what the catalog knows of it (nothing for a model the
 * catalog lacks) and its place in the route's configured order.
 */
public record Candidate(Target target, Optional<ModelInfo> info, int position) {
}
