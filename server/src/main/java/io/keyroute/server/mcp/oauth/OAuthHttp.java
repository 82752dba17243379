package io.keyroute.server.mcp.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.helidon.common.LazyValue;
import io.keyroute.api.Json;
import io.keyroute.api.error.ClientError;
import io.keyroute.providers.http.HelidonTransport;
import io.keyroute.providers.http.Transport;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.vault.net.BaseUrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP calls of discovery, registration and the token endpoint. A URL the operator configured
 * (an MCP server's, an authorization server's; see {@link Trust}) is called as it is; any other, which
 * an upstream named in its metadata, first passes the SSRF guard ({@link BaseUrlGuard}: no internal
 * address unless the operator allows private base URLs) and goes through a client that checks every
 * connection's address again (DNS rebinding). Answers are read up to 64 KiB; redirects are not followed.
 */
final class OAuthHttp {
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BaseUrlGuard guard;
    private final LazyValue<Transport> trusted = LazyValue.create(() -> new HelidonTransport(TIMEOUT, 4));
    private final LazyValue<Transport> guarded;

    OAuthHttp(BaseUrlGuard guard) {
        this.guard = guard;
        this.guarded = LazyValue.create(() -> new HelidonTransport(TIMEOUT, 4, guard));
    }

    /** An answer: its status, its {@code WWW-Authenticate} header (or null) and its JSON body (missing if not JSON). */
    record Answer(int status, String wwwAuthenticate, JsonNode json) {
        boolean ok() {
            return status / 100 == 2 && json.isObject();
        }
    }

    Answer get(URI uri, Trust trust) {
        return send(UpstreamRequest.get(checked(uri, trust), Map.of("Accept", "application/json")), trust);
    }

    Answer postJson(URI uri, JsonNode body, Trust trust) {
        return send(new UpstreamRequest(checked(uri, trust), Map.of("Content-Type", "application/json", "Accept", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8), false), trust);
    }

    /** A form POST ({@code application/x-www-form-urlencoded}, RFC 6749 section 3.2). */
    Answer postForm(URI uri, Map<String, String> form, Trust trust) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        return send(new UpstreamRequest(checked(uri, trust), headers, body.getBytes(StandardCharsets.UTF_8), false), trust);
    }

    /** An MCP request without a token, to read the server's 401 challenge. */
    Answer probe(URI uri, Trust trust) {
        byte[] ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        return send(new UpstreamRequest(checked(uri, trust), Map.of("Content-Type", "application/json",
                "Accept", "application/json, text/event-stream"), ping, false), trust);
    }

    private URI checked(URI uri, Trust trust) {
        if (trust.trusts(uri)) {
            return uri;
        }
        try {
            return guard.check(uri.toString());
        } catch (RuntimeException e) {
            throw OAuthErrors.refusedUrl(uri, e.getMessage());
        }
    }

    private Answer send(UpstreamRequest request, Trust trust) {
        Transport transport = trust.trusts(request.uri()) ? trusted.get() : guarded.get();
        try (UpstreamExchange exchange = transport.send("mcp-oauth", request, TIMEOUT);
             InputStream body = exchange.body()) {
            byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw OAuthErrors.upstream(request.uri(), "answered more than " + MAX_ANSWER_BYTES + " bytes");
            }
            return new Answer(exchange.status(), exchange.header("WWW-Authenticate"), parse(bytes));
        } catch (ClientError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw OAuthErrors.upstream(request.uri(), "could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
