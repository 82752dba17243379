package io.keyroute.benchmarks;

import io.keyroute.server.limits.Admission;
import io.keyroute.server.limits.RateLimitGate;
import io.keyroute.usage.ratelimit.ClockTimeMeter;
import io.keyroute.usage.ratelimit.LocalBucketStore;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rate-limit gate per request, in-process: a key with rpm and tpm (two bucket lookups among
 * 10,000 keys, one request and the token estimate taken, the estimate corrected at settle), and
 * a key without limits (nothing looked up).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RateLimitBenchmark {
    private RateLimitGate gate;
    private RateLimitRequests requests;
    private int next;

    @Setup
    public void buckets() {
        gate = new RateLimitGate(new LocalBucketStore(new ClockTimeMeter(Clock.systemUTC()), 100_000));
        requests = new RateLimitRequests(10_000);
    }

    @Benchmark
    public Admission limitedKeyAdmittedAndSettled() {
        next = (next + 1) % requests.size();
        Admission admission = gate.admit(requests.limited(next));
        admission.settle(requests.record());
        return admission;
    }

    @Benchmark
    public Admission keyWithoutLimits() {
        return gate.admit(requests.unlimited());
    }
}
