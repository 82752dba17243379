package io.keyroute.server.inference.attempts;

import io.keyroute.api.error.UpstreamError;
import io.keyroute.catalog.Target;
import io.keyroute.providers.Credential;
import io.keyroute.providers.Provider;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.http.UpstreamFailures;
import io.keyroute.usage.Charge;
import io.opentelemetry.api.trace.Span;
import java.time.Duration;
import java.util.List;

/**
 * A provider call whose answer has started with a success status, ready to be delivered.
 *
 * @param billedBefore what earlier failed attempts of the same request were billed (see {@link BilledFailure})
 * @param failedBefore how earlier attempts of the same request failed, and candidates passed over, in order
 * @param deadline     cancels the call when it runs out: armed with the provider's timeout as a total from the
 *                     send (a whole answer), re-armed per event by a stream; the runner closes it
 * @param span         the attempt's span, which the runner ends; the invalid span when the request is not traced
 */
public record Attempt(Target target, Provider provider, Credential credential, UpstreamExchange exchange,
                      int number, List<Charge> billedBefore, List<UpstreamError> failedBefore, Watchdog.Watch deadline,
                      Span span) {

    /** What a failed read of the answer was: a timeout of {@code bound} if the deadline cut it, else as it failed. */
    public UpstreamError readFailure(Throwable failure, Duration bound) {
        return deadline.expired() ? UpstreamError.timeout(provider.id(), bound)
                : UpstreamFailures.ofRead(provider.id(), failure, provider.timeout());
    }
}
