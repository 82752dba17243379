package io.keyroute.server.telemetry;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * A SERVER span per management call ({@code /api/v1/...}), continuing the caller's
 * {@code traceparent}: named by the method and the resource ({@code GET /api/v1/workspaces}, never an
 * id, so names stay few), with the status answered. Only installed when telemetry is on; every other
 * path passes straight through (inference requests have spans of their own).
 */
public final class ManagementSpans implements Filter {
    private static final String PREFIX = "/api/v1/";

    private final Telemetry telemetry;

    public ManagementSpans(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().absolute().path();
        if (!path.startsWith(PREFIX)) {
            chain.proceed();
            return;
        }
        var trace = RequestTrace.start(telemetry, req.prologue().method().text(), resource(path),
                name -> req.headers().first(HeaderNames.create(name)).orElse(null));
        try {
            chain.proceed();
        } catch (RuntimeException | Error e) {
            trace.crashed(e);
            throw e;
        }
        trace.answered(res.status().code());
    }

    /** {@code /api/v1/workspaces/ws_1/budget} → {@code /api/v1/workspaces}: the resource, not the instance. */
    static String resource(String path) {
        int end = path.indexOf('/', PREFIX.length());
        return end < 0 ? path : path.substring(0, end);
    }
}
