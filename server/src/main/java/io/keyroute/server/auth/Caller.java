package io.keyroute.server.auth;

/**
 * Who is calling, once authenticated. {@code keyId} names the Keyroute key (never its value) for
 * usage and audit; {@code admin} callers may use the management API.
 */
public record Caller(String keyId, String userId, boolean admin) {
}
