package io.keyroute.benchmarks;

import io.keyroute.usage.tokens.Prompt;
import io.keyroute.usage.tokens.TokenCounter;
import io.keyroute.usage.tokens.TokenCounters;
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

/**
 * Counting a prompt's tokens with o200k_base (the pricing estimate's tokenizer), for a 1 KB and a
 * 20 KB user message of prose, numbers and code. Not on the inference path: this shows why it
 * must stay off it. Tokens per second = the reported ops/s × the prompt's tokens (printed at setup).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TokenCountBenchmark {
    private static final String PARAGRAPH = """
            The quarterly report shows revenue of $4.2M (up 13.5% year over year) across 37 regions. \
            To reproduce the numbers, run `SELECT region, SUM(amount) FROM orders WHERE year = 2026 GROUP BY region;` \
            and compare with last year's figures. Customers in Lisboa, München and 東京 asked for faster delivery; \
            the team proposes def ship(order): return order.priority > 2 and order.weight_kg < 30. \
            """;

    @Param({"1024", "20480"})
    int bytes;

    private TokenCounter counter;
    private Prompt prompt;

    @Setup
    public void load() {
        var text = new StringBuilder();
        while (text.length() < bytes) {
            text.append(PARAGRAPH);
        }
        text.setLength(bytes);
        prompt = new Prompt(List.of(new Prompt.Turn("user", null, List.of(text.toString()), List.of())), List.of());
        counter = new TokenCounters().forModel("gpt-4o");
        System.out.println("\n" + bytes + " chars = " + counter.count(prompt).tokens() + " tokens");
    }

    @Benchmark
    public int count() {
        return counter.count(prompt).tokens();
    }
}
