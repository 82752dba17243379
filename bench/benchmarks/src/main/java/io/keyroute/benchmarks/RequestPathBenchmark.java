package io.keyroute.benchmarks;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.Credential;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.openai.OpenAiAdapter;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-request work of the OpenAI pass-through: parse, build the upstream call, read the answer's usage. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RequestPathBenchmark {
    private final OpenAiAdapter adapter = new OpenAiAdapter(new ProviderErrors(Clock.systemUTC()));
    private final URI base = URI.create("http://127.0.0.1:8089/v1");
    private final Credential credential = new Credential("system:openai", Secret.of("sk-bench-0123456789abcdef"));
    private final ChatRequest parsed = OpenAiChatRequestReader.read(Samples.CHAT_REQUEST);

    @Benchmark
    public ChatRequest parseRequest() {
        return OpenAiChatRequestReader.read(Samples.CHAT_REQUEST);
    }

    @Benchmark
    public UpstreamRequest buildUpstreamRequest() {
        return adapter.toUpstream(parsed, "gpt-4o-mini", base, credential);
    }

    @Benchmark
    public ChatResult readAnswer() {
        return adapter.fromUpstream(parsed, Samples.CHAT_ANSWER);
    }
}
