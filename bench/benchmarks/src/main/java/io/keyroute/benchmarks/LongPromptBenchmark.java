package io.keyroute.benchmarks;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.wire.anthropic.AnthropicMessagesRequestReader;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.api.wire.responses.ResponsesRequest;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import io.keyroute.providers.Credential;
import io.keyroute.providers.ProviderAdapter;
import io.keyroute.providers.anthropic.AnthropicAdapter;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.openai.OpenAiAdapter;
import io.keyroute.providers.translate.Translation;
import io.keyroute.routing.complexity.CanonicalShape;
import io.keyroute.routing.complexity.ChatBodyShape;
import io.keyroute.routing.complexity.ChatShape;
import io.keyroute.routing.complexity.Classification;
import io.keyroute.routing.complexity.ComplexityClassifier;
import io.keyroute.server.config.KeyrouteConfig.GuardrailSettings;
import io.keyroute.server.guardrails.GuardrailEvents;
import io.keyroute.server.guardrails.GuardrailTypes;
import io.keyroute.server.guardrails.Guardrails;
import io.keyroute.usage.budget.BillableRequest;
import io.keyroute.usage.budget.BillableRequestReader;
import java.net.URI;
import java.time.Clock;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;


/**
 * What Keyroute does with a ~400 KB body (issue 28 item 2, {@link LongPrompts}) on each path
 * bench/long_prompts.sh measures, step by step, to find where the body is read or copied more than
 * once: {@link #parse} (the caller's API read into a tree), {@link #classify} (the chat's shape and
 * the complexity classifier, with its prompt-token estimate), {@link #budgetBound} (what a budget
 * reserves: the billable prompt's bytes), {@link #guardrails} (pii and secrets on the input, when
 * configured), {@link #toUpstream} (the provider's body: the caller's bytes with the model spliced in
 * on a pass-through, the tree translated and serialised otherwise), and {@link #request}, the steps
 * every request takes (all but guardrails and budget) in order. Run with {@code -prof gc}: bytes per
 * operation is the allocation per request, steady while other work shares the machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class LongPromptBenchmark {
    /** The caller's API, then the provider's: two pass-throughs and two translations. */
    @Param({"openai-openai", "anthropic-anthropic", "anthropic-openai", "responses-anthropic"})
    public String path;

    private final ComplexityClassifier classifier = new ComplexityClassifier();
    private final Credential credential = new Credential("system:bench", Secret.of("sk-bench-0123456789abcdef"));
    private final URI base = URI.create("http://127.0.0.1:8089/v1");
    private byte[] body;
    private ProviderAdapter adapter;
    private String upstreamModel;
    private Guardrails guardrails;
    private Object parsed;

    @Setup
    public void setUp() {
        var errors = new ProviderErrors(Clock.systemUTC());
        var translation = new Translation(Clock.systemUTC());
        body = switch (path.substring(0, path.indexOf('-'))) {
            case "openai" -> LongPrompts.OPENAI;
            case "anthropic" -> LongPrompts.ANTHROPIC;
            default -> LongPrompts.RESPONSES;
        };
        boolean toAnthropic = path.endsWith("-anthropic");
        adapter = toAnthropic ? new AnthropicAdapter(errors, translation) : new OpenAiAdapter(errors, translation);
        upstreamModel = toAnthropic ? "claude-sonnet-4-5" : "gpt-4.1";
        guardrails = Guardrails.build(List.of(
                new GuardrailSettings("pii", "pii", List.of("input"), "redact", null, null, null, null, null, null),
                new GuardrailSettings("secrets", "secrets", List.of("input"), "block", null, null, null, null, null,
                        null)), GuardrailTypes.builtIn());
        parsed = parse();
    }

    /** The caller's body read as its endpoint reads it. */
    @Benchmark
    public Object parse() {
        return switch (path.substring(0, path.indexOf('-'))) {
            case "openai" -> OpenAiChatRequestReader.read(body);
            case "anthropic" -> AnthropicMessagesRequestReader.read(body);
            default -> ResponsesRequestReader.read(body);
        };
    }

    /** What routing reads: the chat's shape, scored. */
    @Benchmark
    public Classification classify() {
        return classifier.classify(shape(parsed));
    }

    /** What a budget reserves for the request: its billable prompt read from the body. */
    @Benchmark
    public BillableRequest budgetBound() {
        ChatRequest chat = chat(parsed);
        return BillableRequestReader.read(chat.body(), chat.passHeaders());
    }

    /** The pii and secrets guardrails' input checks (nothing found: the cost of looking). */
    @Benchmark
    public Object guardrails() {
        return guardrails.start("ws_bench", null, List::of, GuardrailEvents.NONE).request(chat(parsed).body());
    }

    /** The provider's request. */
    @Benchmark
    public UpstreamRequest toUpstream() {
        return adapter.toUpstream(chat(parsed), upstreamModel, base, credential);
    }

    /** A request's reading of its body with no budget and no guardrail: parsed, classified, sent on. */
    @Benchmark
    public UpstreamRequest request(Blackhole bh) {
        Object read = parse();
        bh.consume(classifier.classify(shape(read)));
        return adapter.toUpstream(chat(read), upstreamModel, base, credential);
    }

    private static ChatShape shape(Object read) {
        return read instanceof ResponsesRequest responses
                ? CanonicalShape.of(responses.canonical(), responses.onlyOpenAiServes())
                : ChatBodyShape.of(((ChatRequest) read).body());
    }

    private static ChatRequest chat(Object read) {
        return read instanceof ResponsesRequest responses ? responses.chat() : (ChatRequest) read;
    }
}
