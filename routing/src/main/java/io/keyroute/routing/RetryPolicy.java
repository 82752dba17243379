package io.keyroute.routing;

import io.keyroute.api.error.UpstreamError;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * What to do after a failed attempt, per CONTRACT: a retryable failure is retried on the same
 * candidate up to {@code maxAttempts} times with exponential backoff and jitter, honouring
 * Retry-After; a refused credential (401/403) or a spent quota moves to the next candidate at once; a request the
 * provider rejected as wrong (400/404/422) goes straight back to the caller. One request makes
 * at most {@code maxTotalAttempts} attempts across all candidates and spends at most
 * {@code maxTotal} on them.
 */
public final class RetryPolicy {

    /** The next step after a failure. */
    public enum Action { RETRY_SAME, NEXT_CANDIDATE, RETURN_TO_CALLER }

    private final int maxAttempts;
    private final Duration baseBackoff;
    private final Duration maxBackoff;
    private final int maxTotalAttempts;
    private final Duration maxTotal;
    private final DoubleSupplier jitter;

    /**
     * @param jitter uniform in [0, 1); injected so tests are deterministic
     */
    public RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff, int maxTotalAttempts,
                       Duration maxTotal, DoubleSupplier jitter) {
        if (maxAttempts < 1 || maxTotalAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts and maxTotalAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.baseBackoff = baseBackoff;
        this.maxBackoff = maxBackoff;
        this.maxTotalAttempts = maxTotalAttempts;
        this.maxTotal = maxTotal;
        this.jitter = jitter;
    }

    /** Without bounds across candidates. */
    public RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff, DoubleSupplier jitter) {
        this(maxAttempts, baseBackoff, maxBackoff, Integer.MAX_VALUE, Duration.ofSeconds(Long.MAX_VALUE), jitter);
    }

    /**
     * Whether one more attempt may start after {@code attemptsMade}, {@code elapsed} into the
     * request, once {@code pause} (the backoff before it, or zero) is waited out.
     */
    public boolean mayAttempt(int attemptsMade, Duration elapsed, Duration pause) {
        return attemptsMade < maxTotalAttempts && elapsed.plus(pause).compareTo(maxTotal) <= 0;
    }

    /**
     * @param attemptsOnCandidate how many attempts this candidate has had, the failed one included
     */
    public Action decide(UpstreamError failure, int attemptsOnCandidate) {
        if (failure.credentialRejected() || failure.quotaExhausted()) {
            return Action.NEXT_CANDIDATE;
        }
        if (!failure.retryable()) {
            return failure.kind() == UpstreamError.Kind.STATUS && isCallerFault(failure.upstreamStatus())
                    ? Action.RETURN_TO_CALLER : Action.NEXT_CANDIDATE;
        }
        boolean waitTooLong = failure.retryAfter().map(d -> d.compareTo(maxBackoff) > 0).orElse(false);
        return attemptsOnCandidate < maxAttempts && !waitTooLong ? Action.RETRY_SAME : Action.NEXT_CANDIDATE;
    }

    /**
     * The pause before retry number {@code retry} (1 for the first retry): base × 2^(retry-1),
     * scaled by a jitter in [0.5, 1), at least the provider's Retry-After, at most the cap.
     */
    public Duration backoff(int retry, UpstreamError failure) {
        long base = baseBackoff.toMillis();
        int doublings = Math.max(retry - 1, 0);
        // Saturates instead of overflowing, so the backoff keeps growing until the cap.
        long exponential = doublings >= Long.numberOfLeadingZeros(base) ? Long.MAX_VALUE : base << doublings;
        long jittered = (long) (exponential * (0.5 + jitter.getAsDouble() / 2));
        long floor = failure.retryAfter().map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.min(Math.max(jittered, floor), maxBackoff.toMillis()));
    }

    private static boolean isCallerFault(int status) {
        return status == 400 || status == 404 || status == 413 || status == 422;
    }
}
