package io.keyroute.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.error.ClientError;
import io.keyroute.server.metrics.GatewayMetrics;
import io.keyroute.server.runtime.GatewayRuntime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: Prometheus text. Open unless {@code metrics.token} is set; the token is read
 * from the current runtime at each scrape, so a reload that sets or rotates it applies at once.
 */
final class MetricsService implements HttpService {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String BEARER = "Bearer ";

    private final GatewayMetrics metrics;
    private final Supplier<GatewayRuntime> runtimes;

    MetricsService(GatewayMetrics metrics, Supplier<GatewayRuntime> runtimes) {
        this.metrics = metrics;
        this.runtimes = runtimes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/metrics", this::scrape);
    }

    private void scrape(ServerRequest req, ServerResponse res) {
        String token = runtimes.get().config().metrics().token();
        if (token != null && !presents(req, token)) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
            ErrorResponses.sendManagement(res, ClientError.unauthorized("GET /metrics needs Authorization: Bearer "
                    + "with the metrics token (metrics.token in the config)"));
            return;
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time comparison: the time taken says nothing about how much of a guess was right. */
    private static boolean presents(ServerRequest req, String token) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
    }
}
