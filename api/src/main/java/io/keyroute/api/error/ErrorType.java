package io.keyroute.api.error;

/**
 * The kinds of failure a caller can see, with the {@code type} string each API shape uses for it.
 * OpenAI and Anthropic name most kinds the same way; where they differ, each keeps its own.
 */
public enum ErrorType {
    INVALID_REQUEST(400, "invalid_request_error", "invalid_request_error"),
    AUTHENTICATION(401, "authentication_error", "authentication_error"),
    PERMISSION(403, "permission_error", "permission_error"),
    NOT_FOUND(404, "invalid_request_error", "not_found_error"),
    CONFLICT(409, "invalid_request_error", "invalid_request_error"),
    REQUEST_TOO_LARGE(413, "invalid_request_error", "request_too_large"),
    UNPROCESSABLE(422, "invalid_request_error", "invalid_request_error"),
    RATE_LIMIT(429, "rate_limit_error", "rate_limit_error"),
    UPSTREAM(502, "api_error", "api_error"),
    TIMEOUT(504, "timeout_error", "timeout_error"),
    /** The gateway takes no new requests for now (it is shutting down). */
    UNAVAILABLE(503, "server_error", "api_error"),
    INTERNAL(500, "api_error", "api_error");

    private final int status;
    private final String openAiType;
    private final String anthropicType;

    ErrorType(int status, String openAiType, String anthropicType) {
        this.status = status;
        this.openAiType = openAiType;
        this.anthropicType = anthropicType;
    }

    public int status() {
        return status;
    }

    public String openAiType() {
        return openAiType;
    }

    public String anthropicType() {
        return anthropicType;
    }

    /** The kind a provider's HTTP status stands for, when it is passed back to the caller as is. */
    public static ErrorType forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> AUTHENTICATION;
            case 403 -> PERMISSION;
            case 404 -> NOT_FOUND;
            case 413 -> REQUEST_TOO_LARGE;
            case 422 -> UNPROCESSABLE;
            case 429 -> RATE_LIMIT;
            case 504, 408 -> TIMEOUT;
            default -> status >= 500 ? UPSTREAM : INVALID_REQUEST;
        };
    }
}
