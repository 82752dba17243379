package io.keyroute.benchmarks;

import io.keyroute.routing.ModelResolver;
import io.keyroute.routing.Route;
import io.keyroute.routing.RoutePlan;
import io.keyroute.routing.Target;
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

/** Turning the requested model into a plan: a route name and an explicit provider/model. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RouteResolutionBenchmark {
    private final ModelResolver resolver = new ModelResolver(Set.of("openai", "anthropic", "gemini", "deepseek"),
            List.of(new Route("auto", "fallback", List.of(Target.parse("deepseek/deepseek-chat"),
                    Target.parse("openai/gpt-4o-mini")), List.of(Target.parse("gemini/gemini-2.5-flash")))),
            List.of(Target.parse("openai/gpt-4o-mini"), Target.parse("anthropic/claude-sonnet-4-5")));

    @Benchmark
    public RoutePlan routeName() {
        return resolver.resolve("auto");
    }

    @Benchmark
    public RoutePlan providerSlashModel() {
        return resolver.resolve("openai/gpt-4o-mini");
    }
}
