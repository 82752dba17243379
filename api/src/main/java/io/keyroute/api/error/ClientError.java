package io.keyroute.api.error;

import io.keyroute.api.Secrets;
import java.util.Optional;

/** The caller's request is wrong or not allowed; retrying it unchanged will not help. */
public final class ClientError extends GatewayError {
    private final String param;

    public ClientError(ErrorType type, String code, String message, String param) {
        super(type, code, message);
        this.param = param;
    }

    public static ClientError badRequest(String code, String message, String param) {
        return new ClientError(ErrorType.INVALID_REQUEST, code, message, param);
    }

    public static ClientError unauthorized(String message) {
        return new ClientError(ErrorType.AUTHENTICATION, "invalid_api_key", message, null);
    }

    /**
     * A policy rule refused the request (403): named, so the caller can ask the operator about it;
     * {@code unevaluated} when the rule could not be evaluated and refuses what it cannot check.
     */
    public static ClientError policyDenied(String rule, boolean unevaluated) {
        return new ClientError(ErrorType.PERMISSION, "policy_denied", unevaluated
                ? "The request was denied by policy rule '" + rule + "', which could not be evaluated for it."
                : "The request was denied by policy rule '" + rule + "'.", null);
    }

    public static ClientError modelNotFound(String model) {
        return new ClientError(ErrorType.NOT_FOUND, "model_not_found",
                "The model '" + Secrets.scrub(model) + "' does not exist or is not available through this gateway. "
                        + "Use 'provider/model' (e.g. openai/gpt-4o-mini), a catalog model name, or a route name; "
                        + "GET /v1/models lists them.", "model");
    }

    /** A model name that breaks the naming rule ({@link io.keyroute.api.wire.ModelName}); {@code why} never quotes it. */
    public static ClientError invalidModel(String why) {
        return new ClientError(ErrorType.INVALID_REQUEST, "invalid_model", "'model' is not a valid model name: " + why
                + ". A model name is at most 256 characters of A-Z a-z 0-9 . _ : / @ + -.", "model");
    }

    /**
     * A model without a catalog price while a budget applies to the caller: its cost could not be
     * counted against the budget.
     */
    public static ClientError modelNotPriced(String qualified) {
        return new ClientError(ErrorType.PERMISSION, "model_not_priced", "The model '" + qualified
                + "' has no price in the catalog, so its cost cannot be counted against the budget that applies to "
                + "you. An operator can price it in the config: under 'models:', an entry with 'id: " + qualified
                + "', 'input_usd_per_mtok' and 'output_usd_per_mtok' (US dollars per million tokens).", "model");
    }

    /**
     * A guardrail refused the request (or, checked on the way out, its answer): 400 naming the rule,
     * never what it matched, which may be the very value it keeps from being sent.
     */
    public static ClientError guardrailBlocked(String rule) {
        return new ClientError(ErrorType.INVALID_REQUEST, "guardrail_blocked", "The request was blocked by guardrail '"
                + rule + "'.", null);
    }

    /**
     * A guardrail that fails closed could not check the request (it failed or ran past its timeout): 503,
     * since the same request may pass once it can be checked.
     */
    public static ClientError guardrailUnavailable(String rule) {
        return new ClientError(ErrorType.UNAVAILABLE, "guardrail_unavailable", "Guardrail '" + rule
                + "' could not check the request, and it refuses what it cannot check. Try again later.", null);
    }

    public static ClientError tooLarge(long limitBytes) {
        return new ClientError(ErrorType.REQUEST_TOO_LARGE, "request_too_large",
                "Request body exceeds the limit of " + limitBytes + " bytes.", null);
    }

    /**
     * Keyroute itself failed in a way no other error describes (500 {@code internal_error}). The
     * message names the request id for the operator's logs and nothing of the cause.
     */
    public static ClientError internal(String requestId) {
        return new ClientError(ErrorType.INTERNAL, "internal_error", "Keyroute could not handle this request because "
                + "of an internal error. The operator's log has it under request id " + requestId + ".", null);
    }

    public static ClientError notFound(String message) {
        return new ClientError(ErrorType.NOT_FOUND, "not_found", message, null);
    }

    @Override
    public Optional<String> param() {
        return Optional.ofNullable(param);
    }
}
