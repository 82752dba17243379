package io.keyroute.benchmarks;

import io.keyroute.server.limits.Admission;
import io.keyroute.server.limits.RateLimitGate;
import io.keyroute.usage.ratelimit.ClockTimeMeter;
import io.keyroute.usage.ratelimit.RedisBucketStore;
import java.time.Clock;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The rate-limit gate per request with buckets in the real Redis ({@code KEYROUTE_TEST_REDIS_URL},
 * else {@code redis://127.0.0.1:6379}): admission then settle for ONE key with rpm and tpm, as a
 * coding agent's parallel calls are; run at {@code -t 1} and {@code -t 16}. The settle's correction
 * differs from the estimate, so it is sent every time. Time per operation is wall time (the
 * admission's round trip); {@code -prof gc} counts the bytes of every thread, Lettuce's included.
 */
public class RedisRateLimitBenchmark extends MicrosecondBenchmark {
    private RateLimitGate gate;
    private RateLimitRequests requests;

    @Setup
    public void connect() {
        String url = System.getenv().getOrDefault("KEYROUTE_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        String prefix = "keyroute-bench:" + UUID.randomUUID() + ":"; // expires on its own once refilled
        gate = new RateLimitGate(new RedisBucketStore(url, prefix, new ClockTimeMeter(Clock.systemUTC())));
        requests = new RateLimitRequests(1);
    }

    @TearDown
    public void close() {
        gate.close();
    }

    @Benchmark
    public Admission oneKeyAdmittedAndSettled() {
        Admission admission = gate.admit(requests.limited(0));
        admission.settle(requests.record());
        return admission;
    }
}
