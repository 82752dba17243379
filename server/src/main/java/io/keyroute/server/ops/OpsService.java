package io.keyroute.server.ops;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** {@code GET /health} (the process is up) and {@code GET /ready} (it can serve, and is not shutting down). */
public final class OpsService implements HttpService {
    private static final byte[] UP = "{\"status\":\"up\"}".getBytes(StandardCharsets.US_ASCII);
    private final BooleanSupplier configLoaded;
    private final BooleanSupplier databaseReady;
    private final BooleanSupplier redisReady;
    private final BooleanSupplier stopping;

    /**
     * @param databaseReady the database answers with every migration applied (always true without one)
     * @param redisReady    Redis, which holds the budgets' counters, answers; null without Redis
     * @param stopping      the gateway is draining before it stops: a load balancer should send no more
     */
    public OpsService(BooleanSupplier configLoaded, BooleanSupplier databaseReady, BooleanSupplier redisReady,
                      BooleanSupplier stopping) {
        this.configLoaded = configLoaded;
        this.databaseReady = databaseReady;
        this.redisReady = redisReady;
        this.stopping = stopping;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", (req, res) -> send(res, Status.OK_200, UP))
                .get("/ready", this::ready);
    }

    private void ready(ServerRequest req, ServerResponse res) {
        boolean config = configLoaded.getAsBoolean();
        boolean database = databaseReady.getAsBoolean();
        boolean redis = redisReady == null || redisReady.getAsBoolean();
        boolean draining = stopping.getAsBoolean();
        boolean ready = config && database && redis && !draining;
        String body = "{\"status\":\"" + (draining ? "stopping" : ready ? "ready" : "not_ready") + "\",\"checks\":{\"config\":\""
                + (config ? "ok" : "not loaded") + "\",\"database\":\"" + (database ? "ok" : "unreachable or not migrated")
                + (redisReady == null ? "" : "\",\"redis\":\"" + (redis ? "ok" : "unreachable")) + "\"}}";
        send(res, ready ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, body.getBytes(StandardCharsets.US_ASCII));
    }

    private static void send(ServerResponse res, Status status, byte[] body) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body);
    }
}
