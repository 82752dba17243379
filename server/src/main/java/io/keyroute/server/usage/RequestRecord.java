package io.keyroute.server.usage;

import io.keyroute.api.Usage;

/**
 * One finished inference request, as accounting sees it. {@code keyId} names the Keyroute key,
 * never its value; {@code provider}/{@code model} are null when no attempt was made.
 *
 * @param outcome ok, error, cancelled (the caller left) or cut (the stream broke after it started)
 */
public record RequestRecord(String requestId, String keyId, String requestedModel, String provider, String model,
                            int status, int attempts, boolean streamed, Usage usage, long latencyMicros,
                            long timeToFirstTokenMicros, String outcome) {
}
