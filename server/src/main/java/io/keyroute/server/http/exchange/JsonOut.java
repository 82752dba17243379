package io.keyroute.server.http.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Sends a JSON answer (management and operations APIs). */
public final class JsonOut {
    private JsonOut() {
    }

    public static void send(ServerResponse res, int status, JsonNode body) {
        res.status(Status.create(status));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        try {
            res.send(Json.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
