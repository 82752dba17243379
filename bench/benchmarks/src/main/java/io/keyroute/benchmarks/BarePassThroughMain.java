package io.keyroute.benchmarks;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientProtocolConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * The floor under Keyroute's overhead: a Helidon SE server that forwards
 * {@code POST /v1/chat/completions} to one upstream with Helidon's HTTP/1.1 client and nothing
 * else (no auth, routing, parsing or accounting), configured as Keyroute configures Helidon
 * (TCP_NODELAY on both sides, a large connection cache, no client write buffer, no validation of
 * the upstream's response headers). bench/run.sh measures it beside Keyroute
 * so the report can tell Keyroute's own share of the cost from Helidon's.
 *
 * <pre>
 * java -cp ... io.keyroute.benchmarks.BarePassThroughMain PORT UPSTREAM_BASE_URL UPSTREAM_KEY
 * </pre>
 */
public final class BarePassThroughMain {
    private static final String PATH = "/v1/chat/completions";

    private BarePassThroughMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: BarePassThroughMain PORT UPSTREAM_BASE_URL UPSTREAM_KEY");
            System.exit(2);
        }
        String upstreamBase = args[1].endsWith("/v1") ? args[1].substring(0, args[1].length() - 3) : args[1];
        var authorization = HeaderValues.create(HeaderNames.AUTHORIZATION, "Bearer " + args[2]);
        Http1Client client = Http1Client.builder()
                .baseUri(upstreamBase)
                .socketOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .shareConnectionCache(false)
                .connectionCacheSize(2048)
                .sendExpectContinue(false)
                .writeBufferSize(0)
                .protocolConfig(Http1ClientProtocolConfig.builder().validateResponseHeaders(false).build())
                .build();
        WebServer.builder()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing(routing -> routing.post(PATH, (req, res) -> forward(client, authorization, req, res)))
                .build()
                .start();
        System.out.println("BarePassThrough listening on " + args[0]);
        new CountDownLatch(1).await();
    }

    private static void forward(Http1Client client, io.helidon.http.Header authorization, ServerRequest req,
                                ServerResponse res) throws IOException {
        byte[] body = req.content().inputStream().readAllBytes();
        try (HttpClientResponse upstream = client.post(PATH)
                .header(authorization)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .submit(body)) {
            res.status(Status.create(upstream.status().code()));
            String type = upstream.headers().first(HeaderNames.CONTENT_TYPE).orElse("application/json");
            res.header(HeaderNames.CONTENT_TYPE, type);
            if (!type.startsWith("text/event-stream")) {
                res.send(upstream.inputStream().readAllBytes());
                return;
            }
            relay(upstream.inputStream(), res.outputStream());
        }
    }

    /** Streams pass each read on at once, as Keyroute's relay flushes each event. */
    private static void relay(InputStream in, OutputStream out) throws IOException {
        try (out) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }
}
