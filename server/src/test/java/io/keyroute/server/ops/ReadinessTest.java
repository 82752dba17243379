package io.keyroute.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /ready}: each check named in the answer; any failing one, or a drain, makes it 503. */
class ReadinessTest {
    private final AtomicBoolean database = new AtomicBoolean(true);
    private final AtomicBoolean redis = new AtomicBoolean(true);
    private final AtomicBoolean stopping = new AtomicBoolean(false);
    private final HttpClient http = HttpClient.newHttpClient();
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void withRedisItsHealthIsOneOfTheChecks() throws Exception {
        start(new OpsService(() -> true, database::get, redis::get, stopping::get));

        assertThat(ready()).isEqualTo("200 {\"status\":\"ready\",\"checks\":{\"config\":\"ok\",\"database\":\"ok\",\"redis\":\"ok\"}}");
        redis.set(false);
        assertThat(ready()).isEqualTo(
                "503 {\"status\":\"not_ready\",\"checks\":{\"config\":\"ok\",\"database\":\"ok\",\"redis\":\"unreachable\"}}");
        redis.set(true);
        database.set(false);
        assertThat(ready()).isEqualTo("503 {\"status\":\"not_ready\",\"checks\":{\"config\":\"ok\","
                + "\"database\":\"unreachable or not migrated\",\"redis\":\"ok\"}}");
        database.set(true);
        stopping.set(true);
        assertThat(ready()).startsWith("503 {\"status\":\"stopping\"");
    }

    @Test
    void withoutRedisThereIsNoRedisCheck() throws Exception {
        start(new OpsService(() -> true, database::get, null, stopping::get));

        assertThat(ready()).isEqualTo("200 {\"status\":\"ready\",\"checks\":{\"config\":\"ok\",\"database\":\"ok\"}}");
    }

    private void start(OpsService ops) {
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing -> routing.register(ops)).build().start();
    }

    private String ready() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
