package io.keyroute.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport against a real loopback server: answers arrive whole and connections are reused. */
class HelidonTransportTest {
    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\"}";

    private final List<Integer> callerPorts = new CopyOnWriteArrayList<>();
    private WebServer server;

    @BeforeEach
    void start() {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing(routing -> routing.post("/v1/chat/completions", (req, res) -> {
                    req.content().consume();
                    callerPorts.add(req.remotePeer().port());
                    res.header(HeaderValues.CONTENT_TYPE_JSON).send(ANSWER.getBytes(StandardCharsets.UTF_8));
                }).get("/v1/models", (req, res) -> res.header(HeaderValues.CONTENT_TYPE_JSON)
                        .send(("{\"object\":\"list\",\"had_body\":" + req.content().hasEntity() + "}")
                                .getBytes(StandardCharsets.UTF_8))))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void answersReadAsJsonDeliveryReadsThemKeepTheConnectionForTheNextCall() throws Exception {
        var transport = new HelidonTransport(Duration.ofSeconds(5), 8);
        var request = new UpstreamRequest(URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"),
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8), false);

        for (int i = 0; i < 3; i++) {
            try (UpstreamExchange exchange = transport.send("fake", request, Duration.ofSeconds(5))) {
                byte[] body = Bodies.readAtMost(exchange.body(), Bodies.declaredLength(exchange.header("content-length")),
                        1024);
                assertThat(exchange.status()).isEqualTo(200);
                assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(ANSWER);
            }
        }

        assertThat(callerPorts).hasSize(3);
        assertThat(callerPorts).as("one upstream connection for all three calls").containsOnly(callerPorts.getFirst());
    }

    @Test
    void aGetIsSentAsAGetWithoutABody() throws Exception {
        var transport = new HelidonTransport(Duration.ofSeconds(5), 8);
        var probe = UpstreamRequest.get(URI.create("http://127.0.0.1:" + server.port() + "/v1/models"), Map.of());

        try (UpstreamExchange exchange = transport.send("fake", probe, Duration.ofSeconds(5))) {
            assertThat(exchange.status()).as("a POST would find no route").isEqualTo(200);
            assertThat(new String(exchange.body().readAllBytes(), StandardCharsets.UTF_8)).contains("\"had_body\":false");
        }
    }

    @Test
    void aProxyIsAskedForOnlyWhenAJvmProxyPropertyIsSet() {
        assertThat(HelidonTransport.jvmProxyConfigured()).isFalse();
        System.setProperty("https.proxyHost", "proxy.internal");
        try {
            assertThat(HelidonTransport.jvmProxyConfigured()).isTrue();
        } finally {
            System.clearProperty("https.proxyHost");
        }
        System.setProperty("java.net.useSystemProxies", "false");
        try {
            assertThat(HelidonTransport.jvmProxyConfigured()).isFalse();
        } finally {
            System.clearProperty("java.net.useSystemProxies");
        }
    }
}
