package io.keyroute.benchmarks;

import io.keyroute.server.limits.Admission;
import io.keyroute.server.limits.RateLimitGate;
import io.keyroute.usage.ratelimit.ClockTimeMeter;
import io.keyroute.usage.ratelimit.RedisBucketStore;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The rate-limit gate per request with Redis buckets, as a timed loop: admission then settle
 * for a key with rpm and tpm, on {@code threads} threads (1: sequentially, over 100 keys; more:
 * all on ONE key, a coding agent's parallel calls): wall time, and the whole process's CPU time
 * (the calling threads plus Lettuce's event loop).
 * Usage: {@code java -cp … io.keyroute.benchmarks.RedisRateLimitLoop redis://127.0.0.1:6379 [requests] [threads]}.
 */
public final class RedisRateLimitLoop {
    private RedisRateLimitLoop() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        var requests = new RateLimitRequests(threads == 1 ? 100 : 1);
        String prefix = "keyroute-bench:" + UUID.randomUUID() + ":"; // expires on its own once refilled
        try (var gate = new RateLimitGate(new RedisBucketStore(url, prefix, new ClockTimeMeter(Clock.systemUTC())))) {
            run(gate, requests, count / 4, threads); // warm-up
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            run(gate, requests, count, threads);
            long wall = System.nanoTime() - start;
            cpu = os.getProcessCpuTime() - cpu;
            System.out.printf("%d admissions + settles with Redis buckets on %d thread(s): %.1f µs wall, %.1f µs process "
                    + "CPU per request%n", count, threads, wall / 1e3 / count, cpu / 1e3 / count);
        }
    }

    private static void run(RateLimitGate gate, RateLimitRequests requests, int count, int threads) {
        var futures = new ArrayList<Future<?>>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < count / threads; i++) {
                        Admission admission = gate.admit(requests.limited(i % requests.size()));
                        admission.settle(requests.record());
                    }
                }));
            }
        }
        for (var future : futures) {
            try {
                future.get(); // a refusal or a Redis error fails the measurement, not hides in the pool
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
