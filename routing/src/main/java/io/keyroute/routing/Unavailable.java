package io.keyroute.routing;

import io.keyroute.api.error.GatewayError;

/**
 * Why a target cannot be called now, and the error the caller gets when no other target is left
 * (e.g. {@code no_credential}).
 */
public record Unavailable(String reason, GatewayError error) {
}
