package io.keyroute.server.mcp.oauth;

import java.net.URI;

/**
 * What Keyroute uses of an authorization server's metadata (RFC 8414): its issuer, the endpoints,
 * and whether it sends {@code iss} with its authorization responses (RFC 9207).
 *
 * @param registrationEndpoint null when it offers no dynamic client registration
 */
record AuthorizationServer(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI registrationEndpoint,
                           boolean sendsIssuer) {
}
