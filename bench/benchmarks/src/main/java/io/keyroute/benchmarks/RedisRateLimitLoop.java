package io.keyroute.benchmarks;

import io.keyroute.server.limits.Admission;
import io.keyroute.server.limits.RateLimitGate;
import io.keyroute.usage.ratelimit.ClockTimeMeter;
import io.keyroute.usage.ratelimit.RedisBucketStore;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;

/**
 * The rate-limit gate per request with Redis buckets, as a timed loop: admission then settle
 * for a key with rpm and tpm, sequentially on one thread: wall time, and the whole process's CPU
 * time (the calling thread plus Lettuce's event loop).
 * Usage: {@code java -cp … io.keyroute.benchmarks.RedisRateLimitLoop redis://127.0.0.1:6379 [requests]}.
 */
public final class RedisRateLimitLoop {
    private RedisRateLimitLoop() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        var requests = new RateLimitRequests(100);
        String prefix = "keyroute-bench:" + UUID.randomUUID() + ":"; // expires on its own once refilled
        try (var gate = new RateLimitGate(new RedisBucketStore(url, prefix, new ClockTimeMeter(Clock.systemUTC())))) {
            run(gate, requests, count / 4); // warm-up
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            run(gate, requests, count);
            long wall = System.nanoTime() - start;
            cpu = os.getProcessCpuTime() - cpu;
            System.out.printf("%d admissions + settles with Redis buckets: %.1f µs wall, %.1f µs process CPU per "
                    + "request%n", count, wall / 1e3 / count, cpu / 1e3 / count);
        }
    }

    private static void run(RateLimitGate gate, RateLimitRequests requests, int count) {
        for (int i = 0; i < count; i++) {
            Admission admission = gate.admit(requests.limited(i % requests.size()));
            admission.settle(requests.record());
        }
    }
}
