package io.keyroute.testkit.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP receiver on loopback, for tests: an exporter pointed at {@link #url()} POSTs
 * protobuf to {@code /v1/traces}, {@code /v1/metrics} and {@code /v1/logs} (gzip or not), and the
 * receiver decodes the official {@code opentelemetry-proto} messages, keeps them, and answers 200 with
 * the empty Export*ServiceResponse, as the OTLP/HTTP specification says a collector does. JSON bodies
 * (the optional {@code application/json} encoding) get 415: the Java SDK sends protobuf. It is the JDK's
 * HttpServer, not Helidon, because Helidon refuses a gzip body unless its gzip module is on the class path,
 * and that module would change how the gateway under test answers.
 *
 * <p>Thread-safe: the exporter's threads add, a test reads snapshots and waits with the await methods.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** A decoded body past this (after gunzip) is refused with 413: a test's exporter never sends one. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    static final String PROTOBUF = "application/x-protobuf";

    private final List<Export> exports = new ArrayList<>();
    private final String url;
    private final Runnable stop;

    private OtlpReceiver(HttpServer server) {
        this.url = "http://127.0.0.1:" + server.getAddress().getPort();
        this.stop = () -> server.stop(0);
        server.createContext("/v1/traces", exchange -> receive(exchange, ExportTraceServiceRequest.parser()::parseFrom,
                ExportTraceServiceResponse.getDefaultInstance()));
        server.createContext("/v1/metrics", exchange -> receive(exchange,
                ExportMetricsServiceRequest.parser()::parseFrom, ExportMetricsServiceResponse.getDefaultInstance()));
        server.createContext("/v1/logs", exchange -> receive(exchange, ExportLogsServiceRequest.parser()::parseFrom,
                ExportLogsServiceResponse.getDefaultInstance()));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    private OtlpReceiver(OtlpGrpcServices services) {
        this.url = services.url();
        this.stop = services::close;
    }

    /** A started receiver on a free loopback port. */
    public static OtlpReceiver start() {
        try {
            return new OtlpReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A started receiver speaking OTLP over gRPC (a collector's port 4317) on a free loopback port: the
     * exporter's {@code Export} calls of the trace, metrics and logs services, kept as {@link #start()}'s are,
     * each {@link Export#path()} the gRPC method's path.
     */
    public static OtlpReceiver startGrpc() {
        OtlpReceiver[] receiver = new OtlpReceiver[1];
        OtlpGrpcServices services = OtlpGrpcServices.start((path, headers, request) -> receiver[0].keep(
                new Export(path, headers, request)));
        receiver[0] = new OtlpReceiver(services);
        return receiver[0];
    }

    /** The base URL, {@code http://127.0.0.1:<port>}: the value of {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    public String url() {
        return url;
    }

    /** Every export received, in arrival order: the signal's path, its headers and the decoded request. */
    public List<Export> exports() {
        synchronized (exports) {
            return List.copyOf(exports);
        }
    }

    /** Every span received, flattened from all resources and scopes, in arrival order. */
    public List<Span> spans() {
        return flatten(ExportTraceServiceRequest.class, r -> r.getResourceSpansList().stream()
                .flatMap(rs -> rs.getScopeSpansList().stream())
                .flatMap(ss -> ss.getSpansList().stream()).toList());
    }

    /**
     * Every metric received, flattened, in arrival order. A periodic reader sends each instrument on
     * every export, so one name appears many times; {@link #latestMetric} is usually what a test wants.
     */
    public List<Metric> metrics() {
        return flatten(ExportMetricsServiceRequest.class, r -> r.getResourceMetricsList().stream()
                .flatMap(rm -> rm.getScopeMetricsList().stream())
                .flatMap(sm -> sm.getMetricsList().stream()).toList());
    }

    /** Every log record received, flattened, in arrival order. */
    public List<LogRecord> logs() {
        return flatten(ExportLogsServiceRequest.class, r -> r.getResourceLogsList().stream()
                .flatMap(rl -> rl.getScopeLogsList().stream())
                .flatMap(sl -> sl.getLogRecordsList().stream()).toList());
    }

    /** The last metric received with this name (for cumulative metrics: the latest totals). */
    public Optional<Metric> latestMetric(String name) {
        return metrics().reversed().stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    /** Waits until the spans received satisfy {@code done}; returns them, or fails naming what arrived. */
    public List<Span> awaitSpans(Predicate<? super List<Span>> done, Duration timeout) {
        return await(this::spans, done, timeout, "spans", Span::getName);
    }

    /** Waits until the metrics received satisfy {@code done}; returns them, or fails naming what arrived. */
    public List<Metric> awaitMetrics(Predicate<? super List<Metric>> done, Duration timeout) {
        return await(this::metrics, done, timeout, "metrics", Metric::getName);
    }

    /** Waits until the log records received satisfy {@code done}; returns them, or fails naming what arrived. */
    public List<LogRecord> awaitLogs(Predicate<? super List<LogRecord>> done, Duration timeout) {
        return await(this::logs, done, timeout, "log records", l -> l.getBody().getStringValue());
    }

    /** Forgets everything received so far. */
    public void clear() {
        synchronized (exports) {
            exports.clear();
        }
    }

    @Override
    public void close() {
        stop.run();
    }

    private <T> List<T> await(Supplier<List<T>> current, Predicate<? super List<T>> done,
                              Duration timeout, String what, Function<T, String> name) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (exports) {
            while (true) {
                List<T> now = current.get();
                if (done.test(now)) {
                    return now;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching " + what + " within " + timeout + "; received: "
                            + now.stream().map(name).toList());
                }
                try {
                    exports.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }

    private <R extends Message, T> List<T> flatten(Class<R> type, Function<R, List<T>> items) {
        List<T> out = new ArrayList<>();
        for (Export e : exports()) {
            if (type.isInstance(e.request())) {
                out.addAll(items.apply(type.cast(e.request())));
            }
        }
        return out;
    }

    private void receive(HttpExchange exchange, Decoder decoder, Message response) throws IOException {
        try (exchange) {
            Headers in = exchange.getRequestHeaders();
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                reply(exchange, 404, "text/plain", "no such OTLP path".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, "text/plain", "POST only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String type = Optional.ofNullable(in.getFirst("Content-Type")).orElse("").split(";")[0].strip();
            if (!PROTOBUF.equalsIgnoreCase(type)) {
                reply(exchange, 415, "text/plain", ("only " + PROTOBUF + " is accepted, not " + type)
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            String encoding = Optional.ofNullable(in.getFirst("Content-Encoding")).orElse("identity")
                    .toLowerCase(Locale.ROOT);
            if (!encoding.equals("identity") && !encoding.equals("gzip")) {
                reply(exchange, 415, "text/plain", ("unsupported Content-Encoding " + encoding)
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            Message decoded;
            try (InputStream body = encoding.equals("gzip")
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
                if (bytes.length > MAX_BODY_BYTES) {
                    reply(exchange, 413, "text/plain", ("body over " + MAX_BODY_BYTES + " bytes")
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                decoded = decoder.decode(bytes);
            } catch (IOException e) {
                // InvalidProtocolBufferException is one: a body that is no such message; ZipException too.
                reply(exchange, 400, "text/plain", ("undecodable body: " + e.getMessage())
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            in.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            keep(new Export(exchange.getRequestURI().getPath(), Map.copyOf(headers), decoded));
            reply(exchange, 200, PROTOBUF, response.toByteArray());
        }
    }

    private void keep(Export export) {
        synchronized (exports) {
            exports.add(export);
            exports.notifyAll();
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** One export request: its path ({@code /v1/traces}...), its headers (names lower-cased), the decoded message. */
    public record Export(String path, Map<String, List<String>> headers, Message request) {
    }

    @FunctionalInterface
    private interface Decoder {
        Message decode(byte[] body) throws InvalidProtocolBufferException;
    }
}
