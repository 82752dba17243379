package io.keyroute.server.pipeline;

import io.keyroute.api.Usage;

/**
 * How a delivered answer ended.
 *
 * @param status           the HTTP status the caller got
 * @param firstByteNanos   System.nanoTime() when the first byte went to the caller, 0 if none
 * @param result           ok, cancelled (the caller left) or cut (the stream broke after it started)
 */
public record Outcome(Attempt attempt, int status, Usage usage, long firstByteNanos, String result) {
}
