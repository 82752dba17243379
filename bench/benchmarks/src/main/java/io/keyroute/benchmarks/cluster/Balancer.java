package io.keyroute.benchmarks.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness's load balancer: HTTP/1.1, round-robin per request over the backends it thinks
 * alive, as a cloud load balancer in front of the replicas. A backend is dropped when a connection
 * to it is refused (the request then goes to the next one: nothing reached the dead one) or when
 * {@code GET /health} stops answering 200 (checked every 200 ms), and taken back once it answers
 * again. Any other failure before the answer's head is a 502 (the request may have reached the
 * backend, so it is not sent twice: the client retries); a failure in the middle of an answer cuts
 * the client's connection, so a cut stream never looks complete.
 */
final class Balancer implements AutoCloseable {
    /** Hop-by-hop headers and those the JDK's client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "host", "upgrade", "expect", "proxy-connection", "te", "trailer");

    static final class Backend {
        final String name;
        final String base;
        volatile boolean alive = true;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong served = new AtomicLong();

        Backend(String name, String base) {
            this.name = name;
            this.base = base;
        }
    }

    /** Counters since start; the harness takes their difference over each phase. */
    record Counters(long backend5xx, long gateway5xx, long failovers, long cutByBackend, long cutToClient) {
        Counters minus(Counters before) {
            return new Counters(backend5xx - before.backend5xx, gateway5xx - before.gateway5xx,
                    failovers - before.failovers, cutByBackend - before.cutByBackend, cutToClient - before.cutToClient);
        }
    }

    private final List<Backend> backends;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("balancer-health").factory());
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong backend5xx = new AtomicLong();
    private final AtomicLong gateway5xx = new AtomicLong();
    private final AtomicLong failovers = new AtomicLong();
    /** Answers whose 200 went out but whose body then failed: reading from the backend, or writing to the client. */
    private final AtomicLong cutByBackend = new AtomicLong();
    private final AtomicLong cutToClient = new AtomicLong();

    Balancer(int port, List<Backend> backends) {
        this.backends = List.copyOf(backends);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        checks.scheduleWithFixedDelay(this::checkHealth, 200, 200, TimeUnit.MILLISECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Backend backend(String name) {
        return backends.stream().filter(b -> b.name.equals(name)).findFirst().orElseThrow();
    }

    List<Backend> backends() {
        return backends;
    }

    Counters counters() {
        return new Counters(backend5xx.get(), gateway5xx.get(), failovers.get(), cutByBackend.get(), cutToClient.get());
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        for (int tried = 0; tried < backends.size(); tried++) {
            Backend backend = pick();
            if (backend == null) {
                break;
            }
            HttpResponse<InputStream> answer;
            backend.inFlight.incrementAndGet();
            try {
                try {
                    answer = client.send(request(exchange, backend, body), HttpResponse.BodyHandlers.ofInputStream());
                } catch (ConnectException | HttpConnectTimeoutException refused) {
                    backend.alive = false; // nothing was sent: the next backend gets it
                    failovers.incrementAndGet();
                    continue;
                } catch (IOException broken) {
                    gateway5xx.incrementAndGet();
                    plain(exchange, 502, "backend " + backend.name + " failed: " + broken);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                backend.served.incrementAndGet();
                relay(exchange, answer);
                return;
            } finally {
                backend.inFlight.decrementAndGet();
            }
        }
        gateway5xx.incrementAndGet();
        plain(exchange, 503, "no backend alive");
    }

    private HttpRequest request(HttpExchange exchange, Backend backend, byte[] body) {
        var builder = HttpRequest.newBuilder(URI.create(backend.base + exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    /** The backend's answer as it arrives, each read flushed (streams' events go out one by one). */
    private void relay(HttpExchange exchange, HttpResponse<InputStream> answer) throws IOException {
        if (answer.statusCode() >= 500) {
            backend5xx.incrementAndGet();
        }
        answer.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        long length = answer.headers().firstValueAsLong("content-length").orElse(-1);
        exchange.sendResponseHeaders(answer.statusCode(), length == 0 ? -1 : length < 0 ? 0 : length);
        try (InputStream in = answer.body()) {
            OutputStream out = exchange.getResponseBody();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = read(in, buffer)) >= 0; ) {
                try {
                    out.write(buffer, 0, n);
                    out.flush();
                } catch (IOException toClient) {
                    cutToClient.incrementAndGet();
                    throw toClient;
                }
            }
            out.close(); // the last chunk: only after the backend's answer ended whole
        }
        // An IOException above (the backend died mid-answer) leaves the handler: the server closes the
        // connection without the last chunk, so the client sees its answer cut, not ended.
    }

    private int read(InputStream fromBackend, byte[] buffer) throws IOException {
        try {
            return fromBackend.read(buffer);
        } catch (IOException cut) {
            cutByBackend.incrementAndGet();
            System.err.println("[cluster] balancer: an answer was cut while read from its backend: " + cut);
            throw cut;
        }
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Backend pick() {
        for (int i = 0; i < backends.size(); i++) {
            Backend candidate = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
            if (candidate.alive) {
                return candidate;
            }
        }
        return null;
    }

    private void checkHealth() {
        for (Backend backend : backends) {
            try {
                int status = client.send(HttpRequest.newBuilder(URI.create(backend.base + "/health"))
                        .timeout(Duration.ofMillis(500)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                backend.alive = status == 200;
            } catch (IOException e) {
                backend.alive = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
        server.stop(0);
    }
}
