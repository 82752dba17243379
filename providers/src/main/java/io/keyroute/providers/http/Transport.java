package io.keyroute.providers.http;

import io.keyroute.api.error.UpstreamError;
import java.time.Duration;

/** Sends an {@link UpstreamRequest}: over HTTP for real providers, in process for the mock. */
public interface Transport {
    /**
     * Sends the request and returns once the status and headers are in.
     *
     * @param idleTimeout how long any read (headers, each body chunk) may wait
     * @throws UpstreamError of kind CONNECT or TIMEOUT when no answer came
     */
    UpstreamExchange send(String providerId, UpstreamRequest request, Duration idleTimeout);
}
