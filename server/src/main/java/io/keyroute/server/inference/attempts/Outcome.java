package io.keyroute.server.inference.attempts;

import io.keyroute.usage.Charge;

/**
 * How a delivered answer ended.
 *
 * @param status           the HTTP status the caller got
 * @param charge           what the delivering attempt is charged (see {@code Metering})
 * @param firstByteNanos   System.nanoTime() when the first byte went to the caller, 0 if none
 * @param result           ok, cancelled (the caller left) or cut (the stream broke after it started)
 */
public record Outcome(Attempt attempt, int status, Charge charge, long firstByteNanos, String result) {
}
