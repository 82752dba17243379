package io.keyroute.api.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Every failure a caller can be told about. The server turns one into the caller's API shape in
 * one place; nothing else formats errors. Messages never contain a secret: callers build them
 * from masked values, and upstream bodies are scrubbed before they get here.
 */
public abstract sealed class GatewayError extends RuntimeException
        permits ClientError, UpstreamError, LimitExceeded {

    private final ErrorType type;
    private final String code;

    /** Stack traces are dropped: these are expected outcomes, and cheap to throw on the hot path. */
    GatewayError(ErrorType type, String code, String message) {
        super(message, null, false, false);
        this.type = type;
        this.code = code;
    }

    /** The HTTP status the caller receives. */
    public int status() {
        return type.status();
    }

    public ErrorType type() {
        return type;
    }

    /** A stable machine-readable code, e.g. {@code model_not_found}; may be null. */
    public String code() {
        return code;
    }

    /** The request field at fault, where there is one. */
    public Optional<String> param() {
        return Optional.empty();
    }

    /** How long the caller should wait before trying again, where known. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
