package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.accounting.AccessLog;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.server.logging.TraceIdsJsonProvider;
import io.keyroute.server.telemetry.Telemetry;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.otlp.OtlpReceiver;
import io.keyroute.testkit.replies.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A request's access line names its trace: a real gateway exporting to a real OTLP receiver, its
 * access log written through a JSON encoder with the server's {@link TraceIdsJsonProvider}; the line's
 * {@code trace_id} and {@code span_id} are those of the request's SERVER span the exporter sent.
 */
class LogCorrelationTest {
    private static final String CHAT = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final OtlpReceiver receiver = OtlpReceiver.start();
    private final FakeOpenAi upstream = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
    private final LoggerContext logging = new LoggerContext();
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Telemetry telemetry = Telemetry.off();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        telemetry.close();
        logging.stop();
        upstream.close();
        receiver.close();
    }

    @Test
    void theAccessLineCarriesTheIdsOfTheRequestsServerSpan() throws Exception {
        telemetry = Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, receiver.url(),
                "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none", "OTEL_BSP_SCHEDULE_DELAY", "50"));
        start();
        upstream.enqueue(Reply.text("hello").usage(3, 1, 0, 0));

        assertThat(chat().statusCode()).isEqualTo(200);

        Span server = receiver.awaitSpans(spans -> spans.stream().anyMatch(LogCorrelationTest::isServer),
                Duration.ofSeconds(10)).stream().filter(LogCorrelationTest::isServer).findFirst().orElseThrow();
        JsonNode line = accessLine();
        assertThat(line.path("trace_id").asText()).isEqualTo(hex(server.getTraceId().toByteArray()));
        assertThat(line.path("span_id").asText()).isEqualTo(hex(server.getSpanId().toByteArray()));
    }

    @Test
    void withTelemetryOffTheAccessLineHasNoIds() throws Exception {
        start();
        upstream.enqueue(Reply.text("hello").usage(3, 1, 0, 0));

        assertThat(chat().statusCode()).isEqualTo(200);

        JsonNode line = accessLine();
        assertThat(line.has("trace_id")).isFalse();
        assertThat(line.has("span_id")).isFalse();
        assertThat(receiver.exports()).isEmpty();
    }

    /** The gateway of {@link TestGateway#config}, its access log encoded as JSON with the trace ids, on the request's thread. */
    private void start() {
        logging.setMDCAdapter(MDC.getMDCAdapter()); // a context without one cannot make an event
        logging.start();
        var encoder = new LogstashEncoder();
        encoder.setContext(logging);
        encoder.addProvider(new TraceIdsJsonProvider());
        encoder.start();
        var appender = new OutputStreamAppender<ILoggingEvent>();
        appender.setContext(logging);
        appender.setEncoder(encoder);
        appender.setOutputStream(lines);
        appender.start();
        logging.getLogger("keyroute.access").addAppender(appender);
        var auth = new StaticTokenAuthenticator(Map.of(TokenHash.of(Secret.of(TestGateway.KEYROUTE_KEY)),
                Caller.unrestricted("key_l", "user_l")));
        gateway = Gateway.builder(TestGateway.config(upstream.baseUrl(), 5_000, 1, Duration.ofSeconds(2)), auth)
                .usage(new AccessLog(logging.getLogger("keyroute.access"))).telemetry(telemetry).start();
    }

    private HttpResponse<String> chat() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + TestGateway.KEYROUTE_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The one access line, once written (just after the answer has gone). */
    private JsonNode accessLine() throws Exception {
        for (int i = 0; i < 200 && lines.size() == 0; i++) {
            Thread.sleep(25);
        }
        List<String> written = lines.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(written).hasSize(1);
        return Json.MAPPER.readTree(written.getFirst());
    }

    private static boolean isServer(Span span) {
        return span.getKind() == Span.SpanKind.SPAN_KIND_SERVER;
    }

    private static String hex(byte[] id) {
        return HexFormat.of().formatHex(id);
    }
}
