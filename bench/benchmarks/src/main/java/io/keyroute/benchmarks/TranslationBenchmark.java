package io.keyroute.benchmarks;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.Credential;
import io.keyroute.providers.ProviderAdapter;
import io.keyroute.providers.anthropic.AnthropicAdapter;
import io.keyroute.providers.gemini.GeminiAdapter;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.openai.OpenAiAdapter;
import io.keyroute.providers.translate.Translation;
import java.net.URI;
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
 * An OpenAI-shaped request translated for each provider family, and that provider's answer
 * translated back (the OpenAI case is the pass-through: only {@code model} is rewritten).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TranslationBenchmark {
    @Param({"openai", "anthropic", "gemini"})
    public String provider;

    private final ChatRequest request = OpenAiChatRequestReader.read(Samples.CHAT_REQUEST);
    private final Credential credential = new Credential("system:bench", Secret.of("sk-bench-0123456789abcdef"));
    private ProviderAdapter adapter;
    private URI base;
    private String model;
    private byte[] answer;

    @Setup
    public void setUp() {
        var errors = new ProviderErrors(Clock.systemUTC());
        var translation = new Translation(Clock.systemUTC());
        switch (provider) {
            case "openai" -> {
                adapter = new OpenAiAdapter(errors, translation);
                base = URI.create("http://127.0.0.1:8089/v1");
                model = "gpt-4o-mini";
                answer = Samples.CHAT_ANSWER;
            }
            case "anthropic" -> {
                adapter = new AnthropicAdapter(errors, translation);
                base = URI.create("http://127.0.0.1:8089");
                model = "claude-haiku-4-5";
                answer = Samples.ANTHROPIC_ANSWER;
            }
            default -> {
                adapter = new GeminiAdapter(errors, translation);
                base = URI.create("http://127.0.0.1:8089");
                model = "gemini-2.5-flash";
                answer = Samples.GEMINI_ANSWER;
            }
        }
    }

    @Benchmark
    public UpstreamRequest toProvider() {
        return adapter.toUpstream(request, model, base, credential);
    }

    @Benchmark
    public ChatResult fromProvider() {
        return adapter.fromUpstream(request, answer);
    }
}
