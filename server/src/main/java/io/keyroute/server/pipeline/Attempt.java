package io.keyroute.server.pipeline;

import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.routing.Target;
import io.keyroute.usage.Charge;
import java.util.List;

/**
 * A provider call whose answer has started with a success status, ready to be delivered.
 *
 * @param billedBefore what earlier failed attempts of the same request were billed (see {@link BilledFailure})
 */
public record Attempt(Target target, Provider provider, Credential credential, UpstreamExchange exchange,
                      int number, List<Charge> billedBefore) {
}
