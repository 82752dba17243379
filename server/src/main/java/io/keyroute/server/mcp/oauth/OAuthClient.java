package io.keyroute.server.mcp.oauth;

import io.keyroute.api.Secret;

/** Keyroute's client at one authorization server: its id, and its secret when it is a confidential client. */
record OAuthClient(String clientId, Secret clientSecret) {
}
