package io.keyroute.api.error;

import io.keyroute.api.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A provider call failed. Carries the evidence (provider, status, whether retrying can help,
 * Retry-After, the provider's own message with keys scrubbed) and decides what the caller sees:
 * a request the provider rejected as wrong keeps its status, a timeout is 504, a rate limit 429,
 * anything else 502.
 */
public final class UpstreamError extends GatewayError {

    /** How the call failed. */
    public enum Kind {
        /** The provider answered with an error status. */
        STATUS,
        /** No connection could be made. */
        CONNECT,
        /** No answer (or no next stream event) within the provider's timeout. */
        TIMEOUT,
        /** The provider's answer could not be read (bad JSON, stream cut off). */
        PROTOCOL
    }

    private final String provider;
    private final Kind kind;
    private final int upstreamStatus;
    private final boolean retryable;
    private final Duration retryAfter;

    private UpstreamError(ErrorType type, String code, String message, String provider, Kind kind,
                          int upstreamStatus, boolean retryable, Duration retryAfter) {
        super(type, code, message);
        this.provider = provider;
        this.kind = kind;
        this.upstreamStatus = upstreamStatus;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** The provider answered {@code status}; {@code providerMessage} is scrubbed here. */
    public static UpstreamError status(String provider, int status, String providerMessage, Duration retryAfter) {
        String message = provider + " returned " + status + ": " + Secrets.scrub(providerMessage);
        ErrorType type = switch (status) {
            case 400, 404, 413, 422 -> ErrorType.forStatus(status);
            case 429 -> ErrorType.RATE_LIMIT;
            case 408, 504 -> ErrorType.TIMEOUT;
            default -> ErrorType.UPSTREAM;
        };
        String code = switch (status) {
            case 429 -> "rate_limited";
            case 404 -> "model_not_found";
            default -> "upstream_error";
        };
        return new UpstreamError(type, code, message, provider, Kind.STATUS, status,
                isRetryableStatus(status), retryAfter);
    }

    public static UpstreamError connect(String provider, String detail) {
        return new UpstreamError(ErrorType.UPSTREAM, "upstream_unreachable",
                provider + " could not be reached: " + Secrets.scrub(detail), provider, Kind.CONNECT, 0, true, null);
    }

    public static UpstreamError timeout(String provider, Duration after) {
        return new UpstreamError(ErrorType.TIMEOUT, "upstream_timeout",
                provider + " did not answer within " + after.toMillis() + " ms", provider, Kind.TIMEOUT, 0, true, null);
    }

    /**
     * The answer broke off (connection reset, stream ended without its end marker). Transient, so
     * worth another try while nothing has reached the caller.
     */
    public static UpstreamError interrupted(String provider, String detail) {
        return new UpstreamError(ErrorType.UPSTREAM, "upstream_interrupted",
                provider + " broke off its answer: " + Secrets.scrub(detail), provider, Kind.PROTOCOL, 0, true, null);
    }

    /** The answer could not be understood (not JSON, too large): retrying will not change it. */
    public static UpstreamError protocol(String provider, String detail) {
        return new UpstreamError(ErrorType.UPSTREAM, "upstream_protocol_error",
                provider + " sent an unreadable answer: " + Secrets.scrub(detail), provider, Kind.PROTOCOL, 0, false, null);
    }

    /**
     * The error the caller sees when every attempt failed: the last failure's kind, and each
     * attempt's provider and status in the message.
     */
    public static UpstreamError exhausted(List<UpstreamError> attempts) {
        UpstreamError last = attempts.getLast();
        if (attempts.size() == 1) {
            return last;
        }
        String summary = attempts.stream().map(UpstreamError::shortForm).collect(Collectors.joining("; "));
        return new UpstreamError(last.type(), last.code(),
                "All " + attempts.size() + " attempts failed: " + summary + ". Last: " + last.getMessage(),
                last.provider, last.kind, last.upstreamStatus, last.retryable, last.retryAfter);
    }

    /** 429, 5xx worth another try (500, 502, 503, 504, 529), and 408. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503
                || status == 504 || status == 529;
    }

    private String shortForm() {
        return provider + " " + switch (kind) {
            case STATUS -> String.valueOf(upstreamStatus);
            case CONNECT -> "connect error";
            case TIMEOUT -> "timeout";
            case PROTOCOL -> "protocol error";
        };
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's HTTP status, or 0 when there was no answer. */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The credential was refused (401/403): try another candidate, never this credential again. */
    public boolean credentialRejected() {
        return kind == Kind.STATUS && (upstreamStatus == 401 || upstreamStatus == 403);
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
