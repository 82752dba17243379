package io.keyroute.api.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A limit refused the request: a rate limit, a budget, the requests in flight
 * ({@code rate_limited}, {@code budget_exceeded}, {@code too_many_requests}: 429), or a gateway that
 * is shutting down (503). Worth trying again later.
 */
public final class LimitExceeded extends GatewayError {
    private final Duration retryAfter;

    public LimitExceeded(String code, String message, Duration retryAfter) {
        this(ErrorType.RATE_LIMIT, code, message, retryAfter);
    }

    public LimitExceeded(ErrorType type, String code, String message, Duration retryAfter) {
        super(type, code, message);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
