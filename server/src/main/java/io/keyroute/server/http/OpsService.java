package io.keyroute.server.http;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** {@code GET /health} (the process is up) and {@code GET /ready} (it can serve). */
final class OpsService implements HttpService {
    private static final byte[] UP = "{\"status\":\"up\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READY = "{\"status\":\"ready\",\"checks\":{\"config\":\"ok\"}}"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_READY = "{\"status\":\"not_ready\",\"checks\":{\"config\":\"not loaded\"}}"
            .getBytes(StandardCharsets.US_ASCII);

    private final BooleanSupplier configLoaded;

    OpsService(BooleanSupplier configLoaded) {
        this.configLoaded = configLoaded;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", (req, res) -> send(res, Status.OK_200, UP))
                .get("/ready", this::ready);
    }

    private void ready(ServerRequest req, ServerResponse res) {
        boolean ready = configLoaded.getAsBoolean();
        send(res, ready ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, ready ? READY : NOT_READY);
    }

    private static void send(ServerResponse res, Status status, byte[] body) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body);
    }
}
