package io.keyroute.server.ops;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.server.runtime.GatewayRuntime;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: Prometheus text. Needs {@code metrics.token} as a bearer when it is set; on
 * a server listening beyond loopback it must be set (else 403): the metrics tell anyone who can
 * reach the port which providers and models are used, how much, and what fails. The token is read
 * from the current runtime at each scrape, so a reload that sets or rotates it applies at once.
 */
public final class MetricsService implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsService.class);
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String BEARER = "Bearer ";

    private final GatewayMetrics metrics;
    private final Supplier<GatewayRuntime> runtimes;
    private final boolean beyondLoopback;

    /** @param host the address the server listens on ({@code server.host}) */
    public MetricsService(GatewayMetrics metrics, Supplier<GatewayRuntime> runtimes, String host) {
        this.metrics = metrics;
        this.runtimes = runtimes;
        this.beyondLoopback = !loopback(host);
        if (beyondLoopback && runtimes.get().config().metrics().token() == null) {
            LOG.warn("GET /metrics is refused (403): the server listens on {}, beyond loopback, and metrics.token is "
                    + "not set; set it in the config to scrape with Authorization: Bearer <token>", host);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/metrics", this::scrape);
    }

    private void scrape(ServerRequest req, ServerResponse res) {
        String token = runtimes.get().config().metrics().token();
        if (token == null && beyondLoopback) {
            ErrorResponses.sendManagement(res, new ClientError(ErrorType.PERMISSION, "metrics_token_required",
                    "GET /metrics is closed: this server listens beyond loopback and metrics.token is not set. "
                            + "Set it in the config and scrape with Authorization: Bearer <token>.", null));
            return;
        }
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

    /** A name is resolved once, at start: {@code localhost} is loopback, {@code 0.0.0.0} (every interface) is not. */
    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
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
