package io.keyroute.api.error;

import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Secret;
import io.keyroute.api.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A provider call failed. Carries the evidence (provider, status, whether retrying can help,
 * Retry-After, the provider's own message with keys masked: the key the request was sent with and
 * every known secret literally, then anything shaped like a key) and decides what the caller sees:
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
        PROTOCOL,
        /** Not tried: the provider's or the credential's circuit was open. */
        CIRCUIT_OPEN
    }

    private final String provider;
    private final Kind kind;
    private final int upstreamStatus;
    private final boolean retryable;
    private final Duration retryAfter;
    private final boolean quotaExhausted;

    private UpstreamError(ErrorType type, String code, String message, String provider, Kind kind,
                          int upstreamStatus, boolean retryable, Duration retryAfter) {
        this(type, code, message, provider, kind, upstreamStatus, retryable, retryAfter, false);
    }

    private UpstreamError(ErrorType type, String code, String message, String provider, Kind kind,
                          int upstreamStatus, boolean retryable, Duration retryAfter, boolean quotaExhausted) {
        super(type, code, message);
        this.provider = provider;
        this.kind = kind;
        this.upstreamStatus = upstreamStatus;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.quotaExhausted = quotaExhausted;
    }

    /** As {@link #status(String, int, String, Duration, Secret)} where no key was sent. */
    public static UpstreamError status(String provider, int status, String providerMessage, Duration retryAfter) {
        return status(provider, status, providerMessage, retryAfter, status == 402, null);
    }

    /** As {@link #status(String, int, String, Duration, boolean, Secret)} where no key was sent. */
    public static UpstreamError status(String provider, int status, String providerMessage, Duration retryAfter,
                                       boolean quotaExhausted) {
        return status(provider, status, providerMessage, retryAfter, quotaExhausted, null);
    }

    /**
     * The provider answered {@code status} to a request sent with {@code sentKey}; every upstream
     * message is masked here ({@link #evidence}), so no answer, log line or stored row built from
     * this error can quote the key back, whatever its format. 402 means the key's quota is spent.
     */
    public static UpstreamError status(String provider, int status, String providerMessage, Duration retryAfter,
                                       Secret sentKey) {
        return status(provider, status, providerMessage, retryAfter, status == 402, sentKey);
    }

    /**
     * As {@link #status(String, int, String, Duration, Secret)}; {@code quotaExhausted} when the
     * provider said the key's quota or balance is spent (OpenAI's 429 {@code insufficient_quota}, a 402).
     */
    public static UpstreamError status(String provider, int status, String providerMessage, Duration retryAfter,
                                       boolean quotaExhausted, Secret sentKey) {
        String message = provider + " returned " + status + ": " + evidence(KnownSecrets.mask(providerMessage, sentKey));
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
                isRetryableStatus(status), retryAfter, quotaExhausted);
    }

    public static UpstreamError connect(String provider, String detail) {
        return new UpstreamError(ErrorType.UPSTREAM, "upstream_unreachable",
                provider + " could not be reached: " + evidence(detail), provider, Kind.CONNECT, 0, true, null);
    }

    public static UpstreamError timeout(String provider, Duration after) {
        return new UpstreamError(ErrorType.TIMEOUT, "upstream_timeout",
                provider + " did not answer within " + after.toMillis() + " ms", provider, Kind.TIMEOUT, 0, true, null);
    }

    /** The provider was passed over because its circuit (or the credential's) is open; {@code detail} says until when. */
    public static UpstreamError circuitOpen(String provider, String detail) {
        return new UpstreamError(ErrorType.UPSTREAM, "upstream_unreachable",
                provider + " was not tried: " + detail, provider, Kind.CIRCUIT_OPEN, 0, false, null);
    }

    /**
     * The answer broke off (connection reset, stream ended without its end marker). Transient, so
     * worth another try while nothing has reached the caller.
     */
    public static UpstreamError interrupted(String provider, String detail) {
        return new UpstreamError(ErrorType.UPSTREAM, "upstream_interrupted",
                provider + " broke off its answer: " + evidence(detail), provider, Kind.PROTOCOL, 0, true, null);
    }

    /** The answer could not be understood (not JSON, too large): retrying will not change it. */
    public static UpstreamError protocol(String provider, String detail) {
        return new UpstreamError(ErrorType.UPSTREAM, "upstream_protocol_error",
                provider + " sent an unreadable answer: " + evidence(detail), provider, Kind.PROTOCOL, 0, false, null);
    }

    /**
     * The error the caller sees when no attempt succeeded: the last attempt's kind (a candidate
     * passed over for an open circuit only when nothing was attempted), and in the message every
     * attempt's provider and status and every candidate passed over, in the order they happened.
     */
    public static UpstreamError exhausted(List<UpstreamError> outcomes) {
        List<UpstreamError> attempts = outcomes.stream().filter(o -> o.kind != Kind.CIRCUIT_OPEN).toList();
        UpstreamError last = attempts.isEmpty() ? outcomes.getLast() : attempts.getLast();
        if (outcomes.size() == 1) {
            return last;
        }
        String summary = outcomes.stream().map(UpstreamError::shortForm).collect(Collectors.joining("; "));
        String head = attempts.isEmpty() ? "No candidate could be tried: "
                : attempts.size() == 1 ? "The only attempt failed: " : "All " + attempts.size() + " attempts failed: ";
        return new UpstreamError(last.type(), last.code(), head + summary + ". Last: " + last.getMessage(),
                last.provider, last.kind, last.upstreamStatus, last.retryable, last.retryAfter, last.quotaExhausted);
    }

    /** Text from upstream (or about it) as it may be shown: registered secrets, then key shapes, masked. */
    private static String evidence(String text) {
        return Secrets.scrub(KnownSecrets.mask(text));
    }

    /** 429, 5xx worth another try (500, 502, 503, 504, 529), and 408. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503
                || status == 504 || status == 529;
    }

    /** The provider and how it failed, e.g. {@code anthropic 503}: what the final 502 and a route reason name. */
    public String shortForm() {
        return provider + " " + switch (kind) {
            case STATUS -> String.valueOf(upstreamStatus);
            case CONNECT -> "connect error";
            case TIMEOUT -> "timeout";
            case PROTOCOL -> "protocol error";
            case CIRCUIT_OPEN -> "circuit open";
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

    /** The key's quota or balance is spent: it rests long, and retrying it in this request is pointless. */
    public boolean quotaExhausted() {
        return quotaExhausted;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
