package io.keyroute.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Holds N chat streams open at once through a proxy, as N callers would: each on a connection and a
 * virtual thread of its own, started evenly over the ramp, read to its end. A stream counts as
 * completed when it is a 200 whose last event is {@code [DONE]}; anything else is a failure, by cause.
 * wrk cannot tell a stream that broke off from one that ended, nor say when all are open at once.
 *
 * <pre>
 * java -cp ... io.keyroute.benchmarks.load.StreamHolderMain URL KEY MODEL STREAMS RAMP_SECONDS
 * </pre>
 * Progress goes to stderr each second; stdout gets {@code all open} the moment every stream has its
 * first event (or {@code not all open: N} when a stream ended before the last had started), then one
 * JSON line when all have ended: streams, peak open at once, completed, failed and the failures by cause.
 */
public final class StreamHolderMain {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private StreamHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: StreamHolderMain URL KEY MODEL STREAMS RAMP_SECONDS");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        var to = new InetSocketAddress(url.getHost(), url.getPort());
        byte[] body = ("{\"model\":\"" + args[2] + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hold this stream open for the benchmark.\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        int streams = Integer.parseInt(args[3]);
        long rampNanos = Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
        var open = new AtomicInteger();
        var peak = new AtomicInteger();
        var outcomes = new Outcomes();
        List<Thread> threads = new ArrayList<>(streams);
        var started = new AtomicInteger();
        long start = System.nanoTime();
        Thread progress = Thread.ofPlatform().daemon().start(() -> report(start, started, open, outcomes, streams));
        for (int i = 0; i < streams; i++) {
            long due = start + rampNanos * i / streams;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            threads.add(Thread.ofVirtual().start(() -> outcomes.add(hold(to, url.getPath(), args[1], body, open, peak))));
            started.incrementAndGet();
        }
        for (Thread t : threads) {
            t.join();
        }
        progress.interrupt();
        Map<String, Long> all = outcomes.snapshot();
        long completed = outcomes.get("completed");
        String failures = all.entrySet().stream().filter(e -> !e.getKey().equals("completed"))
                .map(e -> "\"" + e.getKey().replace("\"", "'") + "\":" + e.getValue()).collect(Collectors.joining(","));
        System.out.println("{\"streams\":" + streams + ",\"peak_open\":" + peak.get() + ",\"completed\":" + completed
                + ",\"failed\":" + (streams - completed) + ",\"failures\":{" + failures + "}}");
    }

    /** One caller's stream, to its end: its outcome. */
    private static String hold(InetSocketAddress to, String path, String key, byte[] body, AtomicInteger open,
                               AtomicInteger peak) {
        boolean counted = false;
        try (RawStream stream = RawStream.post(to, path, key, body, READ_TIMEOUT)) {
            if (stream.status() != 200) {
                return "status " + stream.status();
            }
            String last = null;
            for (String event; (event = stream.nextEvent()) != null; last = event) {
                if (!counted) {
                    counted = true;
                    peak.accumulateAndGet(open.incrementAndGet(), Math::max);
                }
                if (event.contains("\"error\"")) {
                    return "error event";
                }
            }
            return "[DONE]".equals(last) ? "completed" : "ended without [DONE]";
        } catch (IOException | RuntimeException e) {
            return Outcomes.of(e);
        } finally {
            if (counted) {
                open.decrementAndGet();
            }
        }
    }

    private static void report(long start, AtomicInteger started, AtomicInteger open, Outcomes outcomes, int streams) {
        boolean said = false;
        try {
            while (true) {
                Thread.sleep(1000);
                int now = open.get();
                long ended = outcomes.total();
                System.err.printf("[holder] %3ds: started %d, open %d, ended %d (completed %d)%n",
                        (System.nanoTime() - start) / 1_000_000_000, started.get(), now, ended, outcomes.get("completed"));
                if (!said && (now == streams || ended > 0 && started.get() == streams)) {
                    said = true;
                    System.out.println(now == streams ? "all open" : "not all open: " + now);
                    System.out.flush();
                }
            }
        } catch (InterruptedException e) {
            // every stream has ended
        }
    }
}
