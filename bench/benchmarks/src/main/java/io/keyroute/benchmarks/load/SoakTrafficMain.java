package io.keyroute.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Mixed traffic for a soak: workers in a loop through {@link Kind}'s requests in turn, every outcome
 * sorted into what was expected ({@code ok}), what the caller caused (a wrong key, a malformed body,
 * a stream it walked away from), what the upstream was made to do (the fake's fault keys behind the
 * {@code faulty}, {@code broken} and {@code cut} providers) and anything else: an error no one but
 * the gateway caused.
 *
 * <pre>
 * java -cp ... io.keyroute.benchmarks.load.SoakTrafficMain URL KEY SECONDS WORKERS PAUSE_MS
 * </pre>
 * Each worker waits PAUSE_MS between its requests: a steady load, not the most the gateway can take.
 * Prints one JSON line at the end: requests, {@code ok}, {@code client_caused}, {@code injected},
 * {@code unexplained}, the outcomes by kind and each kind's mean time in ms.
 */
public final class SoakTrafficMain {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String MODEL = "mock/gpt-4o-mini";
    /** About 100 KB of conversation: a coding agent's long prompt. */
    private static final String LONG_HISTORY = ("{\"role\":\"user\",\"content\":\"" + "lorem ipsum ".repeat(84) + "\"},")
            .repeat(100);

    /** What a request is and what it should get. */
    enum Kind {
        SHORT(MODEL, false, Expect.OK), STREAM(MODEL, true, Expect.OK), LONG(MODEL, true, Expect.OK),
        ABANDONED(MODEL, true, Expect.OK), WRONG_KEY(MODEL, false, Expect.CLIENT), MALFORMED(MODEL, false, Expect.CLIENT),
        UPSTREAM_503("faulty/gpt-4o-mini", false, Expect.INJECTED),
        UPSTREAM_ERROR_EVENT("broken/gpt-4o-mini", true, Expect.INJECTED),
        UPSTREAM_CUT("cut/gpt-4o-mini", true, Expect.INJECTED);

        final String model;
        final boolean stream;
        final Expect expect;

        Kind(String model, boolean stream, Expect expect) {
            this.model = model;
            this.stream = stream;
            this.expect = expect;
        }
    }

    enum Expect { OK, CLIENT, INJECTED }

    /** The requests in one turn of a worker: mostly what agents send, a few of each failure. */
    private static final List<Kind> TURN = List.of(Kind.SHORT, Kind.STREAM, Kind.SHORT, Kind.STREAM, Kind.LONG,
            Kind.SHORT, Kind.STREAM, Kind.ABANDONED, Kind.SHORT, Kind.STREAM, Kind.WRONG_KEY, Kind.MALFORMED,
            Kind.UPSTREAM_503, Kind.UPSTREAM_ERROR_EVENT, Kind.UPSTREAM_CUT);

    private SoakTrafficMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: SoakTrafficMain URL KEY SECONDS WORKERS PAUSE_MS");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        var to = new InetSocketAddress(url.getHost(), url.getPort());
        long end = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
        var outcomes = new Outcomes();
        var millis = new EnumMap<Kind, LongAdder>(Kind.class);
        for (Kind kind : Kind.values()) {
            millis.put(kind, new LongAdder());
        }
        Duration pause = Duration.ofMillis(Long.parseLong(args[4]));
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Integer.parseInt(args[3]); w++) {
            int first = w;
            workers.add(Thread.ofPlatform().name("soak-" + w).start(() -> {
                for (int k = first; System.nanoTime() < end; k++) {
                    Kind kind = TURN.get(k % TURN.size());
                    long began = System.nanoTime();
                    outcomes.add(kind + " " + send(to, url.getPath(), args[1], kind));
                    millis.get(kind).add((System.nanoTime() - began) / 1_000_000);
                    try {
                        Thread.sleep(pause);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        Map<String, Long> all = outcomes.snapshot();
        long ok = sum(all, " ok");
        long client = sum(all, " client-caused");
        long injected = sum(all, " injected");
        String detail = all.entrySet().stream().map(e -> "\"" + e.getKey().replace("\"", "'") + "\":" + e.getValue())
                .collect(Collectors.joining(","));
        String meanMs = millis.entrySet().stream().map(e -> {
            long n = all.entrySet().stream().filter(o -> o.getKey().startsWith(e.getKey() + " "))
                    .mapToLong(Map.Entry::getValue).sum();
            return "\"" + e.getKey() + "\":" + (n == 0 ? 0 : e.getValue().sum() / n);
        }).collect(Collectors.joining(","));
        System.out.println("{\"requests\":" + outcomes.total() + ",\"ok\":" + ok + ",\"client_caused\":" + client
                + ",\"injected\":" + injected + ",\"unexplained\":" + (outcomes.total() - ok - client - injected)
                + ",\"outcomes\":{" + detail + "},\"mean_ms\":{" + meanMs + "}}");
    }

    private static long sum(Map<String, Long> all, String suffix) {
        return all.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToLong(Map.Entry::getValue).sum();
    }

    /** One request of this kind, read as its caller would: its outcome, sorted by cause. */
    static String send(InetSocketAddress to, String path, String key, Kind kind) {
        String answer;
        try (RawStream call = RawStream.post(to, path, kind == Kind.WRONG_KEY ? "kr-not-a-key" : key, body(kind),
                READ_TIMEOUT)) {
            answer = kind.stream && call.status() == 200 ? readStream(call, kind == Kind.ABANDONED)
                    : call.status() == 200 && call.rest().contains("\"choices\"") ? "answered" : "status " + call.status();
        } catch (IOException | RuntimeException e) {
            answer = Outcomes.of(e);
        }
        return answer + " " + verdict(kind, answer);
    }

    private static String verdict(Kind kind, String answer) {
        return switch (kind.expect) {
            case OK -> answer.equals(kind == Kind.ABANDONED ? "abandoned" : "answered") ? "ok" : "unexplained";
            case CLIENT -> answer.equals(kind == Kind.WRONG_KEY ? "status 401" : "status 400") ? "client-caused"
                    : "unexplained";
            // The gateway relays the fault in its own shape: an error status, or an error event that ends the stream.
            case INJECTED -> answer.startsWith("status 5") || answer.equals("error event") ? "injected" : "unexplained";
        };
    }

    private static String readStream(RawStream call, boolean abandon) throws IOException {
        String last = null;
        int events = 0;
        for (String event; (event = call.nextEvent()) != null; last = event) {
            if (event.contains("\"error\"")) {
                return "error event";
            }
            if (abandon && ++events == 2) {
                return "abandoned"; // the caller goes away mid-answer: closing the socket is all it does
            }
        }
        return "[DONE]".equals(last) ? "answered" : "ended without [DONE]";
    }

    private static byte[] body(Kind kind) {
        String json = kind == Kind.MALFORMED ? "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\""
                : "{\"model\":\"" + kind.model + "\",\"stream\":" + kind.stream
                + (kind.stream ? ",\"stream_options\":{\"include_usage\":true}" : "") + ",\"messages\":["
                + (kind == Kind.LONG ? LONG_HISTORY : "")
                + "{\"role\":\"user\",\"content\":\"Say hello to the soak in five words.\"}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
