package io.keyroute.server.http.exchange;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;

/** The response headers every inference answer carries, and the request headers Keyroute reads. */
public final class KeyrouteHeaders {
    public static final HeaderName REQUEST_ID = HeaderNames.create("x-keyroute-request-id");
    public static final HeaderName PROVIDER = HeaderNames.create("x-keyroute-provider");
    public static final HeaderName MODEL = HeaderNames.create("x-keyroute-model");
    public static final HeaderName ATTEMPTS = HeaderNames.create("x-keyroute-attempts");
    public static final HeaderName COST_USD = HeaderNames.create("x-keyroute-cost-usd");
    public static final HeaderName ROUTE_REASON = HeaderNames.create("x-keyroute-route-reason");
    /** What the answer cache did ({@code hit}, {@code miss}, {@code bypass}); sent {@code off}, it is bypassed. */
    public static final HeaderName CACHE = HeaderNames.create("x-keyroute-cache");
    /** How similar a semantic cache hit's stored prompt was (0..1). */
    public static final HeaderName CACHE_SIMILARITY = HeaderNames.create("x-keyroute-cache-similarity");
    public static final HeaderName CREDENTIAL = HeaderNames.create("x-keyroute-credential");
    /** A conversation's id, for session affinity: Keyroute's own, then those Claude Code and Codex CLI send. */
    public static final HeaderName SESSION = HeaderNames.create("x-keyroute-session");
    public static final HeaderName CLAUDE_CODE_SESSION = HeaderNames.create("x-claude-code-session-id");
    public static final HeaderName CODEX_SESSION = HeaderNames.create("session_id");
    /** How a token count was made: {@code provider}, {@code tokenizer} or {@code approximation}. */
    public static final HeaderName TOKEN_COUNT = HeaderNames.create("x-keyroute-token-count");
    static final HeaderName X_API_KEY = HeaderNames.create("x-api-key");
    static final HeaderName RETRY_AFTER = HeaderNames.create("retry-after");

    private KeyrouteHeaders() {
    }
}
