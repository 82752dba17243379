package io.keyroute.vault.common;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;

/** The vault's client errors, one factory so codes and wording stay consistent. */
public final class VaultErrors {
    private VaultErrors() {
    }

    /** Absent, deleted or someone else's: all answer the same, so ids cannot be probed. */
    public static ClientError notFound(String what, String id) {
        return ClientError.notFound("No " + what + " '" + id + "' exists.");
    }

    public static ClientError conflict(String message) {
        return new ClientError(ErrorType.CONFLICT, "conflict", message, null);
    }

    public static ClientError unprocessable(String code, String message, String param) {
        return new ClientError(ErrorType.UNPROCESSABLE, code, message, param);
    }

    public static ClientError forbidden(String message) {
        return new ClientError(ErrorType.PERMISSION, "forbidden", message, null);
    }

    public static ClientError badRequest(String message, String param) {
        return ClientError.badRequest("invalid_request", message, param);
    }
}
