package io.keyroute.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.Target;
import io.keyroute.routing.Access;
import io.keyroute.routing.ModelResolver;
import io.keyroute.routing.Route;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.RoutingRequest;
import io.keyroute.routing.RoutingState;
import io.keyroute.routing.complexity.ChatBodyShape;
import io.keyroute.routing.complexity.Classification;
import io.keyroute.routing.complexity.ComplexityClassifier;
import io.keyroute.routing.engine.RoutingEngine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
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

/** Complexity classification and a whole routing decision for a four-turn request with a tool. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RoutingBenchmark {
    private final ObjectNode body = OpenAiChatRequestReader.read(Samples.CHAT_REQUEST).body();
    private final ChatBodyShape shape = ChatBodyShape.of(body);
    /** A 32 KB document and a question about it: the size of what agents and RAG pipelines send. */
    private final ObjectNode longBody = OpenAiChatRequestReader.read(longRequest(32 * 1024)).body();
    private final ComplexityClassifier classifier = new ComplexityClassifier();
    private final RoutingEngine engine;

    public RoutingBenchmark() {
        ModelCatalog catalog = ModelCatalog.builtIn();
        List<Target> candidates = List.of(Target.parse("deepseek/deepseek-chat"), Target.parse("openai/gpt-4o-mini"),
                Target.parse("anthropic/claude-sonnet-4-5"));
        var auto = new Route("auto", "complexity", candidates, List.of(Target.parse("gemini/gemini-2.5-flash")));
        engine = new RoutingEngine(new ModelResolver(Set.of("openai", "anthropic", "gemini", "deepseek"), List.of(auto), catalog),
                catalog, Set.of("openai"));
    }

    @Benchmark
    public Classification classify() {
        return classifier.classify(ChatBodyShape.of(body));
    }

    @Benchmark
    public Classification classifyLongPrompt() {
        return classifier.classify(ChatBodyShape.of(longBody));
    }

    @Benchmark
    public RouteDecision decideRoute() {
        return engine.decide(new RoutingRequest("auto", shape, Access.UNRESTRICTED, "user-42"), RoutingState.NONE);
    }

    @Benchmark
    public RouteDecision decideDirect() {
        return engine.decide(new RoutingRequest("openai/gpt-4o-mini", shape, Access.UNRESTRICTED, "user-42"),
                RoutingState.NONE);
    }

    private static byte[] longRequest(int chars) {
        String document = "The quarterly report lists Revenue, costs and risks by region. ".repeat(chars / 63 + 1)
                .substring(0, chars);
        ObjectNode request = Json.MAPPER.createObjectNode().put("model", "auto");
        request.putArray("messages").addObject().put("role", "user")
                .put("content", document + "\nSummarise it step by step and compare the regions.");
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }
}
