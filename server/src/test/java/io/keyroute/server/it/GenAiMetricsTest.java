package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ModelSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.server.limits.RequestGate;
import io.keyroute.server.telemetry.Telemetry;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.otlp.OtlpReceiver;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The GenAI metrics end to end: a real gateway with {@code OTEL_EXPORTER_OTLP_ENDPOINT} set to a real
 * OTLP/HTTP receiver, in front of a fake OpenAI. The SDK's own exporter sends them when the telemetry
 * is closed (flushed); the test decodes the official protobuf messages and compares every value with
 * the fake's usage and the request's own record.
 */
class GenAiMetricsTest {
    private static final String KEY = "sk-" + "genAiMetricsKey0123456789abcdefghijklmnop";
    private static final Pattern SECRET = Pattern.compile("(sk-|kr-)[A-Za-z0-9_-]{16,}");
    private static final String CHAT = "{\"model\":\"%s\",%s\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAMED = "\"stream\":true,\"stream_options\":{\"include_usage\":true},";

    private final OtlpReceiver receiver = OtlpReceiver.start();
    private final FakeOpenAi upstream = FakeOpenAi.builder().apiKey(KEY).start();
    private final Telemetry telemetry = Telemetry.fromEnvironment(Map.of(Telemetry.ENDPOINT, receiver.url(),
            "OTEL_TRACES_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none"));
    private final TestGateway keyroute = TestGateway.with(config(), Caller.unrestricted("key_m", "user_m"),
            RequestGate.open(), telemetry);

    @AfterEach
    void stop() {
        keyroute.close();
        telemetry.close();
        upstream.close();
        receiver.close();
    }

    private KeyrouteConfig config() {
        return new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 2_000L, 64), null, null,
                List.of(new ProviderSettings("primary", "openai", upstream.baseUrl(), KEY, 5_000L, 2_000L, Map.of())),
                List.of(new ModelSettings("primary/gpt-4o-mini", 1.0, 2.0, null, null, null, 128_000, 16_384, "budget",
                        List.of("streaming"))),
                List.of(new RouteSettings("chat", "fallback", List.of("primary/gpt-4o-mini"), List.of(), Map.of())),
                new RetrySettings(1, 1L, 5L, 10, 60_000L), Map.of(), null, null, null);
    }

    @Test
    void tokensDurationsAndTimesPerTokenAreSentWithTheConventionsNamesUnitsAndLabels() throws Exception {
        upstream.enqueue(Reply.text("one").usage(11, 7, 0, 0));
        upstream.enqueue(Reply.text("two").usage(5, 3, 0, 0));
        upstream.enqueue(Reply.chunks("th", "r", "ee").usage(20, 9, 0, 0));
        upstream.enqueue(Reply.error(400, "bad request"));
        assertThat(keyroute.post("/chat/completions", CHAT.formatted("chat", "")).statusCode()).isEqualTo(200);
        assertThat(keyroute.post("/chat/completions", CHAT.formatted("primary/gpt-4o-mini-2099-01-01", ""))
                .statusCode()).isEqualTo(200);
        var stream = keyroute.postStreaming("/chat/completions", CHAT.formatted("chat", STREAMED));
        try (InputStream body = stream.body()) {
            assertThat(new String(body.readAllBytes())).contains("data: [DONE]");
        }
        assertThat(keyroute.post("/chat/completions", CHAT.formatted("chat", "")).statusCode()).isEqualTo(400);
        // A record is added just after its answer has gone: found by what it is, not by its place.
        List<RequestRecord> records = keyroute.awaitRecords(4);
        RequestRecord json = only(records, r -> r.status() == 200 && !r.streamed() && "chat".equals(r.route()));
        RequestRecord streamed = only(records, RequestRecord::streamed);
        RequestRecord refused = only(records, r -> r.status() == 400);
        keyroute.close();
        telemetry.close(); // flushes the metrics to the receiver

        Metric tokens = receiver.latestMetric("gen_ai.client.token.usage").orElseThrow();
        assertThat(tokens.getUnit()).isEqualTo("{token}");
        Map<String, String> catalogModel = Map.of("gen_ai.operation.name", "chat", "gen_ai.provider.name", "openai",
                "keyroute.provider.id", "primary", "gen_ai.request.model", "gpt-4o-mini",
                "gen_ai.response.model", "gpt-4o-mini");
        Map<String, String> otherModel = with(catalogModel, "gen_ai.request.model", "other",
                "gen_ai.response.model", "other");
        assertThat(point(tokens, with(catalogModel, "gen_ai.token.type", "input")).getSum()).isEqualTo(11 + 20);
        assertThat(point(tokens, with(catalogModel, "gen_ai.token.type", "output")).getSum()).isEqualTo(7 + 9);
        assertThat(point(tokens, with(otherModel, "gen_ai.token.type", "input")).getSum()).isEqualTo(5);
        assertThat(point(tokens, with(otherModel, "gen_ai.token.type", "output")).getSum()).isEqualTo(3);
        assertThat(tokens.getHistogram().getDataPointsList()).hasSize(4); // the failed request billed nothing

        Metric duration = receiver.latestMetric("gen_ai.client.operation.duration").orElseThrow();
        assertThat(duration.getUnit()).isEqualTo("s");
        HistogramDataPoint ok = point(duration, catalogModel);
        assertThat(ok.getCount()).isEqualTo(2);
        assertThat(ok.getSum()).isCloseTo(seconds(json.latencyMicros() + streamed.latencyMicros()), within(1e-9));
        assertThat(point(duration, otherModel).getCount()).isEqualTo(1);
        // Refused upstream before anything was billed: no provider or model to name, the status as the error.
        HistogramDataPoint failed = point(duration, Map.of("gen_ai.operation.name", "chat", "error.type", "400"));
        assertThat(failed.getCount()).isEqualTo(1);
        assertThat(failed.getSum()).isCloseTo(seconds(refused.latencyMicros()), within(1e-9));

        Metric firstToken = receiver.latestMetric("gen_ai.server.time_to_first_token").orElseThrow();
        assertThat(firstToken.getUnit()).isEqualTo("s");
        assertThat(point(firstToken, catalogModel).getSum()).isCloseTo(
                seconds(json.timeToFirstTokenMicros() + streamed.timeToFirstTokenMicros()), within(1e-9));
        assertThat(firstToken.getHistogram().getDataPointsList()).hasSize(2); // no point for the failure

        // Only the stream's tokens come one after another: (latency - TTFT) over the 8 tokens after the first.
        Metric perToken = receiver.latestMetric("gen_ai.server.time_per_output_token").orElseThrow();
        HistogramDataPoint tpot = point(perToken, catalogModel);
        assertThat(tpot.getCount()).isEqualTo(1);
        assertThat(tpot.getSum()).isCloseTo(
                seconds(streamed.latencyMicros() - streamed.timeToFirstTokenMicros()) / 8, within(1e-9));
        assertThat(perToken.getHistogram().getDataPointsList()).hasSize(1);

        String everything = receiver.exports().toString();
        assertThat(everything).doesNotContain("2099");
        assertThat(SECRET.matcher(everything).find()).isFalse();
    }

    @Test
    void distinctUnknownModelsShareOneSeries() throws Exception {
        for (int i = 0; i < 50; i++) {
            assertThat(keyroute.post("/chat/completions", CHAT.formatted("primary/made-up-" + i, "")).statusCode())
                    .isEqualTo(200);
        }
        keyroute.awaitRecords(50);
        keyroute.close();
        telemetry.close();

        Metric tokens = receiver.latestMetric("gen_ai.client.token.usage").orElseThrow();
        assertThat(tokens.getHistogram().getDataPointsList()).hasSize(2); // input and output, model other
        assertThat(tokens.getHistogram().getDataPointsList()).allSatisfy(p -> assertThat(attributes(p))
                .containsEntry("gen_ai.request.model", "other").containsEntry("gen_ai.response.model", "other"));
        Metric duration = receiver.latestMetric("gen_ai.client.operation.duration").orElseThrow();
        assertThat(duration.getHistogram().getDataPointsList()).singleElement()
                .satisfies(p -> assertThat(p.getCount()).isEqualTo(50));
        assertThat(receiver.exports().toString()).doesNotContain("made-up");
    }

    @Test
    void anEmbeddingsRequestCountsItsInputTokensAndNoOutput() throws Exception {
        assertThat(keyroute.post("/embeddings", "{\"model\":\"primary/text-embedding-3-small\",\"input\":\"hello there\"}")
                .statusCode()).isEqualTo(200);
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.usage().promptTokens()).isPositive();
        keyroute.close();
        telemetry.close();

        Metric tokens = receiver.latestMetric("gen_ai.client.token.usage").orElseThrow();
        Map<String, String> embeddings = Map.of("gen_ai.operation.name", "embeddings", "gen_ai.provider.name",
                "openai", "keyroute.provider.id", "primary", "gen_ai.request.model", "other",
                "gen_ai.response.model", "other");
        assertThat(point(tokens, with(embeddings, "gen_ai.token.type", "input")).getSum())
                .isEqualTo(record.usage().promptTokens());
        assertThat(tokens.getHistogram().getDataPointsList()).hasSize(1);
        assertThat(point(receiver.latestMetric("gen_ai.client.operation.duration").orElseThrow(), embeddings)
                .getCount()).isEqualTo(1);
    }

    private static RequestRecord only(List<RequestRecord> records, Predicate<RequestRecord> which) {
        List<RequestRecord> found = records.stream().filter(which).toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private static double seconds(long micros) {
        return micros / 1_000_000.0;
    }

    /** The one data point whose attributes are exactly {@code attributes}. */
    private static HistogramDataPoint point(Metric metric, Map<String, String> attributes) {
        Predicate<HistogramDataPoint> same = p -> attributes(p).equals(attributes);
        List<HistogramDataPoint> points = metric.getHistogram().getDataPointsList().stream().filter(same).toList();
        assertThat(points).as("%s points with %s among %s", metric.getName(), attributes,
                metric.getHistogram().getDataPointsList().stream().map(GenAiMetricsTest::attributes).toList())
                .hasSize(1);
        return points.getFirst();
    }

    private static Map<String, String> attributes(HistogramDataPoint point) {
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyValue kv : point.getAttributesList()) {
            out.put(kv.getKey(), kv.getValue().getStringValue());
        }
        return out;
    }

    private static Map<String, String> with(Map<String, String> base, String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
