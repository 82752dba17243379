package io.keyroute.benchmarks;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.providers.StreamDecoder;
import io.keyroute.providers.StreamOutput;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.openai.OpenAiAdapter;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.providers.sse.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Relaying one SSE event: read it, decode it (usage, hidden usage chunk), encode it for the caller. Per event. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SseRelayBenchmark {
    private final OpenAiAdapter adapter = new OpenAiAdapter(new ProviderErrors(Clock.systemUTC()));
    private final ChatRequest request = OpenAiChatRequestReader.read(
            "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes());

    @Benchmark
    @OperationsPerInvocation(Samples.STREAM_EVENTS)
    public void relayEvent(Blackhole sink) throws IOException {
        StreamDecoder decoder = adapter.newStreamDecoder(request);
        var reader = new SseReader(new ByteArrayInputStream(Samples.CHAT_STREAM));
        StreamOutput out = new StreamOutput() {
            @Override
            public void event(SseEvent event) {
                sink.consume(event.toBytes());
            }

            @Override
            public void usage(Usage usage) {
                sink.consume(usage);
            }
        };
        for (SseEvent event = reader.next(); event != null; event = reader.next()) {
            decoder.onEvent(event, out);
        }
    }
}
