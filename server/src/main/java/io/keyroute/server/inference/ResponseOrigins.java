package io.keyroute.server.inference;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.inference.attempts.KeptRoute;
import java.util.Optional;

/**
 * What served a caller's earlier response, named by a {@code previous_response_id}: its
 * continuation stays there while it is healthy. Today the responses Keyroute kept itself
 * ({@link ResponseKeeper#servedBy}); a record of OpenAI's own responses (passed through) can
 * answer after it.
 */
@FunctionalInterface
public interface ResponseOrigins {
    ResponseOrigins NONE = (id, caller) -> Optional.empty();

    /** Empty for an unknown id and for another caller's response. */
    Optional<KeptRoute> servedBy(String responseId, Caller caller);
}
