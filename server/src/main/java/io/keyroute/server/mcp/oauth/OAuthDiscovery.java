package io.keyroute.server.mcp.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.error.ClientError;
import io.keyroute.server.config.McpOAuthSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an MCP server's authorization server as the MCP authorization spec (2025-11-25) says: the
 * protected resource metadata (RFC 9728) named by the server's 401 challenge
 * ({@code WWW-Authenticate: Bearer resource_metadata="…"}), else at the well-known URI with the
 * server's path, else at the root; then the authorization server's metadata (RFC 8414, or OpenID
 * Connect discovery) in the spec's order, which must name the same issuer and offer PKCE with S256
 * (a server without {@code code_challenge_methods_supported} is refused, as the spec requires).
 */
final class OAuthDiscovery {
    private static final Pattern AUTH_PARAM = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"([^\"]*)\"|([^\\s,]+))");

    private final OAuthHttp http;

    OAuthDiscovery(OAuthHttp http) {
        this.http = http;
    }

    Discovered discover(String serverId, URI serverUrl, McpOAuthSettings settings) {
        URI configuredIssuer = settings.authorizationServer() == null ? null : URI.create(settings.authorizationServer());
        Trust trust = Trust.of(serverUrl, configuredIssuer);
        Map<String, String> challenge = challenge(serverUrl, trust);
        JsonNode resourceMetadata = resourceMetadata(serverUrl, challenge.get("resource_metadata"), trust);
        URI resource = resource(serverId, serverUrl, resourceMetadata);
        String issuer;
        if (configuredIssuer != null) {
            issuer = settings.authorizationServer();
        } else if (resourceMetadata != null && resourceMetadata.path("authorization_servers").path(0).isTextual()) {
            issuer = resourceMetadata.path("authorization_servers").path(0).asText();
        } else {
            throw OAuthErrors.discovery(serverId, "it publishes no protected resource metadata naming an authorization server "
                    + "(and mcp.servers[].oauth.authorization_server is not set).");
        }
        return new Discovered(resource, scopes(settings, challenge, resourceMetadata), authorizationServer(serverId, issuer, trust),
                trust);
    }

    /** The parameters of the server's 401 challenge to a request without a token, if it sends one. */
    private Map<String, String> challenge(URI serverUrl, Trust trust) {
        Map<String, String> params = new LinkedHashMap<>();
        try {
            OAuthHttp.Answer answer = http.probe(serverUrl, trust);
            if (answer.status() == 401 && answer.wwwAuthenticate() != null) {
                Matcher m = AUTH_PARAM.matcher(answer.wwwAuthenticate());
                while (m.find()) {
                    params.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
                }
            }
        } catch (ClientError e) {
            // No challenge to read: the well-known URIs are tried next.
        }
        return params;
    }

    private JsonNode resourceMetadata(URI serverUrl, String fromChallenge, Trust trust) {
        List<URI> candidates = new ArrayList<>();
        if (fromChallenge != null) {
            candidates.add(serverUrl.resolve(fromChallenge));
        }
        String path = trimSlash(serverUrl.getRawPath());
        if (!path.isEmpty()) {
            candidates.add(serverUrl.resolve("/.well-known/oauth-protected-resource" + path));
        }
        candidates.add(serverUrl.resolve("/.well-known/oauth-protected-resource"));
        for (URI candidate : candidates) {
            OAuthHttp.Answer answer = http.get(candidate, trust);
            if (answer.ok()) {
                return answer.json();
            }
        }
        return null;
    }

    /**
     * The canonical URI of the server: the metadata's {@code resource} when it identifies the URL
     * configured (RFC 9728 section 3.3: metadata for another resource must not be used), else that URL.
     */
    private static URI resource(String serverId, URI serverUrl, JsonNode metadata) {
        URI canonical = canonical(serverUrl);
        if (metadata == null || !metadata.path("resource").isTextual()) {
            return canonical;
        }
        URI named = canonical(URI.create(metadata.path("resource").asText()));
        boolean sameOrigin = io.keyroute.vault.net.Origin.of(named).equals(io.keyroute.vault.net.Origin.of(canonical));
        String namedPath = trimSlash(named.getRawPath());
        String path = trimSlash(canonical.getRawPath());
        if (!sameOrigin || !(path.equals(namedPath) || path.startsWith(namedPath + "/"))) {
            throw OAuthErrors.discovery(serverId, "its protected resource metadata is for another resource (" + named + ").");
        }
        return named;
    }

    /** Lower-case scheme and host, no query, fragment or trailing slash. */
    static URI canonical(URI url) {
        String path = trimSlash(url.getRawPath());
        String port = url.getPort() >= 0 ? ":" + url.getPort() : "";
        return URI.create(url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT) + port + path);
    }

    /** The operator's scopes, else the challenge's, else the resource's {@code scopes_supported}, else none. */
    private static List<String> scopes(McpOAuthSettings settings, Map<String, String> challenge, JsonNode metadata) {
        if (!settings.scopes().isEmpty()) {
            return settings.scopes();
        }
        if (challenge.get("scope") != null && !challenge.get("scope").isBlank()) {
            return List.of(challenge.get("scope").trim().split("\\s+"));
        }
        List<String> supported = new ArrayList<>();
        if (metadata != null) {
            metadata.path("scopes_supported").forEach(s -> {
                if (s.isTextual()) {
                    supported.add(s.asText());
                }
            });
        }
        return supported;
    }

    private AuthorizationServer authorizationServer(String serverId, String issuer, Trust trust) {
        URI issuerUrl = URI.create(issuer);
        String path = trimSlash(issuerUrl.getRawPath());
        List<URI> candidates = path.isEmpty()
                ? List.of(issuerUrl.resolve("/.well-known/oauth-authorization-server"), issuerUrl.resolve("/.well-known/openid-configuration"))
                : List.of(issuerUrl.resolve("/.well-known/oauth-authorization-server" + path),
                        issuerUrl.resolve("/.well-known/openid-configuration" + path),
                        URI.create(trimSlash(issuer) + "/.well-known/openid-configuration"));
        for (URI candidate : candidates) {
            OAuthHttp.Answer answer = http.get(candidate, trust);
            if (answer.ok()) {
                return fromMetadata(serverId, issuer, answer.json());
            }
        }
        throw OAuthErrors.discovery(serverId, "its authorization server " + issuer + " publishes no metadata.");
    }

    private static AuthorizationServer fromMetadata(String serverId, String issuer, JsonNode m) {
        if (!trimSlash(m.path("issuer").asText("")).equals(trimSlash(issuer))) {
            throw OAuthErrors.discovery(serverId, "the authorization server's metadata names another issuer (RFC 8414 section 3.3).");
        }
        boolean s256 = false;
        for (JsonNode method : m.path("code_challenge_methods_supported")) {
            s256 |= Pkce.METHOD.equals(method.asText());
        }
        if (!s256) {
            throw OAuthErrors.discovery(serverId, "its authorization server does not offer PKCE with S256 "
                    + "(code_challenge_methods_supported), which MCP requires.");
        }
        String registration = m.path("registration_endpoint").asText(null);
        return new AuthorizationServer(issuer, endpoint(serverId, m, "authorization_endpoint"), endpoint(serverId, m, "token_endpoint"),
                registration == null ? null : endpoint(serverId, m, "registration_endpoint"),
                m.path("authorization_response_iss_parameter_supported").asBoolean(false));
    }

    private static URI endpoint(String serverId, JsonNode metadata, String field) {
        String value = metadata.path(field).asText("");
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        throw OAuthErrors.discovery(serverId, "its authorization server's " + field + " is not an http(s) URL.");
    }

    private static String trimSlash(String path) {
        if (path == null) {
            return "";
        }
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
