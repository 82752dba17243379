package io.keyroute.api.wire.openai;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.wire.JsonBodies;
import io.keyroute.benchmarks.Samples;
import io.keyroute.providers.Credential;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.openai.OpenAiAdapter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The OpenAI pass-through, old and new side by side (the machine is noisy: compare within a run).
 * Parsing: the plain tree parse vs the one-pass parse that also finds the model's byte span
 * ({@link SplicableBodies}, package-private, hence this package). Building the upstream body: the
 * copied and re-serialised tree (still the fallback, reached through {@code withBody}) vs the
 * caller's bytes with the model spliced in; {@code stream=true} adds {@code include_usage}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PassThroughBenchmark {
    @Param({"false", "true"})
    public boolean stream;

    private final OpenAiAdapter adapter = new OpenAiAdapter(new ProviderErrors(Clock.systemUTC()));
    private final URI base = URI.create("http://127.0.0.1:8089/v1");
    private final Credential credential = new Credential("system:openai", Secret.of("sk-bench-0123456789abcdef"));
    private byte[] body;
    private ChatRequest spliceable;
    private ChatRequest treeOnly;

    @Setup
    public void setUp() {
        String json = new String(Samples.CHAT_REQUEST, StandardCharsets.UTF_8);
        body = (stream ? json.replaceFirst("\\{", "{\"stream\":true,") : json).getBytes(StandardCharsets.UTF_8);
        spliceable = OpenAiChatRequestReader.read(body);
        treeOnly = spliceable.withBody(spliceable.body());
    }

    @Benchmark
    public Object parseTree() {
        return JsonBodies.parseObject(body);
    }

    @Benchmark
    public Object parseWithModelSpan() {
        return SplicableBodies.parse(body);
    }

    @Benchmark
    public UpstreamRequest upstreamReserialised() {
        return adapter.toUpstream(treeOnly, "gpt-4o-mini", base, credential);
    }

    @Benchmark
    public UpstreamRequest upstreamSpliced() {
        return adapter.toUpstream(spliceable, "gpt-4o-mini", base, credential);
    }
}
