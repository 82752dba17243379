package io.keyroute.server.mcp.oauth;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import java.net.URI;

/**
 * The OAuth flow's errors in the management shape. They name URLs and the authorization server's
 * error codes, never a code, token, verifier or client secret.
 */
final class OAuthErrors {
    private OAuthErrors() {
    }

    static ClientError refusedUrl(URI url, String why) {
        return new ClientError(ErrorType.UNPROCESSABLE, "oauth_url_refused",
                "The OAuth URL " + shown(url) + " that discovery found is refused: " + why, null);
    }

    static ClientError upstream(URI url, String why) {
        return new ClientError(ErrorType.UPSTREAM, "oauth_upstream_error", shown(url) + " " + why + ".", null);
    }

    static ClientError discovery(String serverId, String why) {
        return new ClientError(ErrorType.UNPROCESSABLE, "oauth_discovery_failed",
                "MCP server '" + serverId + "': " + why, null);
    }

    static ClientError invalidState() {
        return new ClientError(ErrorType.INVALID_REQUEST, "invalid_state",
                "The authorization state is unknown, used or expired: start again with POST /api/v1/mcp/servers/{id}/oauth/start.",
                "state");
    }

    /** The authorization server's own refusal (RFC 6749 sections 4.1.2.1 and 5.2): its error code, bounded. */
    static ClientError refused(String what, String error) {
        return new ClientError(ErrorType.UPSTREAM, "oauth_refused", what + " was refused by the authorization server: "
                + code(error) + ".", null);
    }

    /** An error code as the grammar of RFC 6749 allows it (printable ASCII, no quote or backslash), at most 64 characters. */
    static String code(String error) {
        if (error == null || error.isEmpty()) {
            return "(no error code)";
        }
        String kept = error.chars().filter(c -> c >= 0x20 && c <= 0x7e && c != '"' && c != '\\')
                .limit(64).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return kept.isEmpty() ? "(no error code)" : kept;
    }

    /** A URL without its query (which could carry anything). */
    private static String shown(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
