package io.keyroute.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keyroute.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real webhook receiver on loopback, as an alert's consumer writes one: it answers the statuses
 * a test scripts (200 once the script is spent), keeps every delivery, and checks signatures the
 * way the docs tell receivers to (recompute HMAC-SHA256 of {@code "t.body"}, compare in constant time).
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One POST as received: its headers (lower-case names) and raw body. */
    public record Delivery(Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        /** Whether the signature header is {@code secret}'s over this body, as a receiver checks it. */
        public boolean signedWith(String secret) {
            String header = header(WebhookSignature.HEADER);
            if (header == null) {
                return false;
            }
            String t = null;
            String v1 = null;
            for (String part : header.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length == 2 && kv[0].equals("t")) {
                    t = kv[1];
                } else if (kv.length == 2 && kv[0].equals("v1")) {
                    v1 = kv[1];
                }
            }
            return t != null && v1 != null && MessageDigest.isEqual(
                    WebhookSignature.hmac(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII),
                    v1.getBytes(StandardCharsets.US_ASCII));
        }

        public long timestamp() {
            String header = header(WebhookSignature.HEADER);
            return Long.parseLong(header.substring(2, header.indexOf(',')));
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Delivery> received = new ArrayList<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hooks/keyroute", this::handle);
        server.start();
    }

    public static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/keyroute";
    }

    /** The next deliveries are answered with these statuses, in order. */
    public WebhookReceiver answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    /** Holds every answer until {@link #release()}: a receiver that has stopped answering. */
    public void stall() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    public synchronized List<Delivery> received() {
        return List.copyOf(received);
    }

    /** The deliveries once at least {@code count} came (or all there are after {@code timeout}). */
    public List<Delivery> await(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (received.size() < count && System.nanoTime() < end) {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            }
            return List.copyOf(received);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = new java.util.HashMap<String, String>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                String.join(",", values)));
        synchronized (this) {
            received.add(new Delivery(Map.copyOf(headers), body));
            notifyAll();
        }
        try {
            hold.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Integer status = script.poll();
        exchange.sendResponseHeaders(status == null ? 200 : status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
