package io.keyroute.server.pipeline;

import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.routing.Target;

/** A provider call whose answer has started with a success status, ready to be delivered. */
public record Attempt(Target target, Provider provider, Credential credential, UpstreamExchange exchange,
                      int number) {
}
