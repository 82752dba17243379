package io.keyroute.server.inference;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.inference.attempts.KeptRoute;
import java.util.Optional;

/**
 * What served a caller's earlier response, named by a {@code previous_response_id}: its
 * continuation stays there while it is healthy. The responses Keyroute kept itself
 * ({@link ResponseKeeper#servedBy}), then its records of OpenAI's own (passed through,
 * {@link UpstreamKeptResponses#servedBy}).
 */
@FunctionalInterface
public interface ResponseOrigins {
    ResponseOrigins NONE = (id, caller) -> Optional.empty();

    /** Empty for an unknown id and for another caller's response. */
    Optional<KeptRoute> servedBy(String responseId, Caller caller);
}
