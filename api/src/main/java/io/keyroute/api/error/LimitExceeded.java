package io.keyroute.api.error;

import java.time.Duration;
import java.util.Optional;

/** A rate limit or budget refused the request ({@code rate_limited} / {@code budget_exceeded}). */
public final class LimitExceeded extends GatewayError {
    private final Duration retryAfter;

    public LimitExceeded(String code, String message, Duration retryAfter) {
        super(ErrorType.RATE_LIMIT, code, message);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
