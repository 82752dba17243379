package io.keyroute.benchmarks;

import io.keyroute.api.Usage;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.Target;
import io.keyroute.usage.PriceBook;
import java.util.OptionalLong;
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

/** A finished request's exact cost: catalog lookup, decimal price × tokens, one rounding. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CostBenchmark {
    private final PriceBook prices = new PriceBook(ModelCatalog.builtIn());
    private final Target openai = Target.parse("openai/gpt-4o-mini");
    private final Target anthropic = Target.parse("anthropic/claude-haiku-4-5");
    private final Usage usage = new Usage(12_345, 678, 2_000, 100);
    private final Usage cacheWrites = new Usage(12_345, 678, 2_000, 0, 5_000, 1_000);

    @Benchmark
    public OptionalLong plainAndCachedInput() {
        return prices.micros(openai, usage);
    }

    @Benchmark
    public OptionalLong withCacheWrites() {
        return prices.micros(anthropic, cacheWrites);
    }
}
