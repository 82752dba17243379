package io.keyroute.testkit.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.FakeJson;
import io.keyroute.testkit.LoopbackServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.1 authorization server on loopback, as an MCP server's would be: metadata at
 * {@code /.well-known/oauth-authorization-server} (RFC 8414, PKCE S256 only), dynamic client
 * registration at {@code /register} (RFC 7591; public clients), {@code /authorize} that approves at
 * once (the user consents) and redirects with a code and the state (RFC 6749 section 4.1.2) or an
 * error, and {@code /token} for the authorization code grant with PKCE verification (RFC 7636
 * section 4.6) and the refresh token grant, rotating refresh tokens as OAuth 2.1 requires for public
 * clients. Codes are single use and live a minute; an access token is bound to the {@code resource}
 * (RFC 8707) it was asked for. A test may pre-register a confidential client, shorten the access
 * tokens' lifetime, revoke every token, and count the token requests.
 */
public final class FakeAuthorizationServer implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);

    /** A registered client: its redirect URIs and, for a confidential one, its secret. */
    private record Client(String id, String secret, List<String> redirectUris) {
    }

    private record Code(String clientId, String redirectUri, String challenge, String resource, String scope, Instant expiresAt) {
    }

    /** An issued access token: for which resource, until when. */
    public record AccessToken(String resource, String scope, Instant expiresAt) {
    }

    private record Grant(String clientId, String resource, String scope) {
    }

    private final WebServer server;
    private final Clock clock;
    private final boolean registration;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tokenRequests = new ConcurrentHashMap<>();
    private final List<String> tokenRequestBodies = new CopyOnWriteArrayList<>();
    private volatile Duration accessTokenLifetime = Duration.ofHours(1);
    private volatile java.util.concurrent.CountDownLatch tokenGate = new java.util.concurrent.CountDownLatch(0);

    private FakeAuthorizationServer(Clock clock, boolean registration) {
        this.clock = clock;
        this.registration = registration;
        this.server = LoopbackServer.start(0, routing -> routing
                .get("/.well-known/oauth-authorization-server", this::metadata)
                .post("/register", this::register)
                .get("/authorize", this::authorize)
                .post("/token", this::token));
    }

    /** An authorization server offering dynamic registration. */
    public static FakeAuthorizationServer start(Clock clock) {
        return new FakeAuthorizationServer(clock, true);
    }

    /** An authorization server without dynamic registration: clients must be {@link #preRegister pre-registered}. */
    public static FakeAuthorizationServer withoutRegistration(Clock clock) {
        return new FakeAuthorizationServer(clock, false);
    }

    /** The issuer identifier: {@code http://127.0.0.1:<port>}. */
    public String issuer() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Registers a confidential client as an operator would, out of band. */
    public void preRegister(String clientId, String clientSecret, String redirectUri) {
        clients.put(clientId, new Client(clientId, clientSecret, List.of(redirectUri)));
    }

    /** How long access tokens issued from now on live. */
    public void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
    }

    /**
     * Holds the next token requests until {@code count} of them have arrived (at most 10 s), then
     * answers them one by one in arrival order: two clients refreshing at the same moment.
     */
    public void gatherTokenRequests(int count) {
        tokenGate = new java.util.concurrent.CountDownLatch(count);
    }

    /** Revokes every access token (the resource answers 401 to them); refresh tokens stay good. */
    public void revokeAccessTokens() {
        accessTokens.clear();
    }

    /** Revokes every refresh token (a refresh is then {@code invalid_grant}). */
    public void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    /** Whether {@code token} is a live access token for {@code resource}. */
    public boolean accepts(String token, String resource) {
        AccessToken issued = accessTokens.get(token);
        return issued != null && issued.resource().equals(resource) && issued.expiresAt().isAfter(clock.instant());
    }

    /** How many token requests of {@code grantType} were answered (successfully or not). */
    public int tokenRequests(String grantType) {
        return tokenRequests.getOrDefault(grantType, new AtomicInteger()).get();
    }

    /** The bodies of every token request, as sent. */
    public List<String> tokenRequestBodies() {
        return List.copyOf(tokenRequestBodies);
    }

    /** How many clients registered dynamically. */
    public int registrations() {
        return (int) clients.keySet().stream().filter(id -> id.startsWith("dyn-")).count();
    }

    private void metadata(ServerRequest req, ServerResponse res) {
        ObjectNode m = FakeJson.MAPPER.createObjectNode();
        m.put("issuer", issuer())
                .put("authorization_endpoint", issuer() + "/authorize")
                .put("token_endpoint", issuer() + "/token");
        if (registration) {
            m.put("registration_endpoint", issuer() + "/register");
        }
        m.putArray("response_types_supported").add("code");
        m.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
        m.putArray("code_challenge_methods_supported").add("S256");
        m.putArray("token_endpoint_auth_methods_supported").add("none").add("client_secret_post");
        json(res, Status.OK_200, m);
    }

    /** RFC 7591 section 3: a public client for the redirect URIs it names; 201 with its metadata. */
    private void register(ServerRequest req, ServerResponse res) throws Exception {
        if (!registration) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        JsonNode body = FakeJson.MAPPER.readTree(req.content().as(String.class));
        List<String> redirects = new java.util.ArrayList<>();
        body.path("redirect_uris").forEach(u -> redirects.add(u.asText()));
        if (redirects.isEmpty()) {
            error(res, "invalid_redirect_uri", "redirect_uris is required");
            return;
        }
        if (!body.path("token_endpoint_auth_method").asText("client_secret_basic").equals("none")) {
            error(res, "invalid_client_metadata", "this server registers public clients only");
            return;
        }
        String id = "dyn-" + random();
        clients.put(id, new Client(id, null, List.copyOf(redirects)));
        ObjectNode answer = FakeJson.MAPPER.createObjectNode();
        answer.put("client_id", id).put("client_id_issued_at", clock.instant().getEpochSecond())
                .put("token_endpoint_auth_method", "none").put("client_name", body.path("client_name").asText(""));
        answer.set("redirect_uris", body.path("redirect_uris"));
        answer.set("grant_types", body.path("grant_types"));
        answer.set("response_types", body.path("response_types"));
        json(res, Status.CREATED_201, answer);
    }

    /**
     * RFC 6749 section 4.1.1 with PKCE: an unknown client or redirect URI is answered here (never
     * redirected to); anything else wrong goes back to the client as {@code error=invalid_request}.
     */
    private void authorize(ServerRequest req, ServerResponse res) {
        var q = req.query();
        Client client = clients.get(q.first("client_id").orElse(""));
        String redirect = q.first("redirect_uri").orElse("");
        if (client == null || !client.redirectUris().contains(redirect)) {
            res.status(Status.BAD_REQUEST_400).send("unknown client or redirect_uri");
            return;
        }
        String state = q.first("state").orElse(null);
        String challenge = q.first("code_challenge").orElse("");
        boolean valid = q.first("response_type").orElse("").equals("code")
                && q.first("code_challenge_method").orElse("").equals("S256")
                && challenge.length() == 43 && q.first("resource").isPresent();
        Map<String, String> params = new LinkedHashMap<>();
        if (valid) {
            String code = random();
            codes.put(code, new Code(client.id(), redirect, challenge, q.first("resource").get(), q.first("scope").orElse(null),
                    clock.instant().plus(CODE_LIFETIME)));
            params.put("code", code);
        } else {
            params.put("error", "invalid_request");
        }
        if (state != null) {
            params.put("state", state);
        }
        params.put("iss", issuer());
        res.status(Status.FOUND_302).header(HeaderNames.LOCATION, redirect + (redirect.contains("?") ? "&" : "?") + form(params)).send();
    }

    private void token(ServerRequest req, ServerResponse res) throws InterruptedException {
        String body = req.content().as(String.class);
        var gate = tokenGate;
        gate.countDown();
        gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
        synchronized (this) {
            answerToken(body, res);
        }
    }

    private void answerToken(String body, ServerResponse res) {
        tokenRequestBodies.add(body);
        Map<String, String> form = parseForm(body);
        String grant = form.getOrDefault("grant_type", "");
        tokenRequests.computeIfAbsent(grant, g -> new AtomicInteger()).incrementAndGet();
        Client client = clients.get(form.getOrDefault("client_id", ""));
        if (client == null || (client.secret() != null && !client.secret().equals(form.get("client_secret")))) {
            error(res, Status.UNAUTHORIZED_401, "invalid_client", "client authentication failed");
            return;
        }
        switch (grant) {
            case "authorization_code" -> {
                Code code = codes.remove(form.getOrDefault("code", ""));
                if (code == null || !code.expiresAt().isAfter(clock.instant()) || !code.clientId().equals(client.id())
                        || !code.redirectUri().equals(form.get("redirect_uri"))) {
                    error(res, "invalid_grant", "the code is unknown, used, expired or not this client's");
                } else if (form.get("code_verifier") == null || !challengeOf(form.get("code_verifier")).equals(code.challenge())) {
                    error(res, "invalid_grant", "PKCE verification failed");
                } else if (!code.resource().equals(form.get("resource"))) {
                    error(res, "invalid_target", "resource differs from the authorization request's");
                } else {
                    issue(res, new Grant(client.id(), code.resource(), code.scope()));
                }
            }
            case "refresh_token" -> {
                Grant grantOf = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
                if (grantOf == null || !grantOf.clientId().equals(client.id())) {
                    error(res, "invalid_grant", "the refresh token is unknown, used or revoked");
                } else if (form.get("resource") != null && !grantOf.resource().equals(form.get("resource"))) {
                    error(res, "invalid_target", "resource differs from the grant's");
                } else {
                    issue(res, grantOf);
                }
            }
            default -> error(res, "unsupported_grant_type", "grant_type " + grant);
        }
    }

    /** RFC 6749 section 5.1, with a new refresh token each time (rotation). */
    private void issue(ServerResponse res, Grant grant) {
        String access = "at-" + random();
        String refresh = "rt-" + random();
        Duration lifetime = accessTokenLifetime;
        accessTokens.put(access, new AccessToken(grant.resource(), grant.scope(), clock.instant().plus(lifetime)));
        refreshTokens.put(refresh, grant);
        ObjectNode answer = FakeJson.MAPPER.createObjectNode();
        answer.put("access_token", access).put("token_type", "Bearer").put("expires_in", lifetime.toSeconds())
                .put("refresh_token", refresh);
        if (grant.scope() != null) {
            answer.put("scope", grant.scope());
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        json(res, Status.OK_200, answer);
    }

    private static void error(ServerResponse res, String code, String description) {
        error(res, Status.BAD_REQUEST_400, code, description);
    }

    private static void error(ServerResponse res, Status status, String code, String description) {
        ObjectNode e = FakeJson.MAPPER.createObjectNode();
        e.put("error", code).put("error_description", description);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        json(res, status, e);
    }

    private static void json(ServerResponse res, Status status, JsonNode body) {
        res.status(status);
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.send(body.toString());
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String form(Map<String, String> params) {
        return String.join("&", params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The query parameters of a redirect's {@code Location}. */
    public static Map<String, String> queryOf(URI location) {
        return parseForm(location.getRawQuery() == null ? "" : location.getRawQuery());
    }

    /** Which access tokens are live now (for a test's scan of what Keyroute stored). */
    public Set<String> liveAccessTokens() {
        return Set.copyOf(accessTokens.keySet());
    }

    @Override
    public void close() {
        server.stop();
    }
}
