package io.keyroute.routing;

import io.keyroute.catalog.Target;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The live facts routing reads but does not own: which targets are unavailable (open circuit,
 * no credential) and recent latencies. Routing is deterministic for a given state.
 */
public interface RoutingState {

    Optional<Unavailable> unavailable(Target target);

    /** The recent median time to first byte, if measured. */
    OptionalLong p50Millis(Target target);

    /** Everything available, nothing measured: for explanations and tests. */
    RoutingState NONE = new RoutingState() {
        @Override
        public Optional<Unavailable> unavailable(Target target) {
            return Optional.empty();
        }

        @Override
        public OptionalLong p50Millis(Target target) {
            return OptionalLong.empty();
        }
    };
}
