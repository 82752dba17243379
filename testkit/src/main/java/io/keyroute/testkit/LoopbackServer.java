package io.keyroute.testkit;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The Helidon server every fake runs on: 127.0.0.1 only, TCP_NODELAY (a stream's small events go
 * out at once), no JVM shutdown hook and a short grace period so a test's close is quick.
 */
public final class LoopbackServer {
    private LoopbackServer() {
    }

    /** A started server on {@code port} (0: a random free one) with the handlers {@code routing} registers. */
    public static WebServer start(int port, Consumer<HttpRouting.Builder> routing) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .shutdownHook(false)
                .shutdownGracePeriod(Duration.ofMillis(200))
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing(routing)
                .build()
                .start();
    }
}
