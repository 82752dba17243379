package io.keyroute.api.wire.openai;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.wire.JsonBodies;
import io.keyroute.benchmarks.Samples;
import io.keyroute.providers.Credential;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.openai.OpenAiAdapter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link PassThroughBenchmark}'s old/new pairs on a shared, loaded machine, where JMH's wall-clock
 * scores swing by 2-3x between iterations: the cases run in interleaved blocks (order rotated each
 * round) timed by the thread's CPU time, so a neighbour taking the core does not count, and each
 * pair is compared within a round. Prints medians and the median of the per-round ratios.
 * Run: {@code java -cp <benchmarks classpath> io.keyroute.api.wire.openai.PassThroughCpuLoop [opsPerBlock] [rounds]}.
 */
public final class PassThroughCpuLoop {
    private static volatile Object sink;

    private PassThroughCpuLoop() {
    }

    public static void main(String[] args) {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        byte[] plain = Samples.CHAT_REQUEST;
        byte[] streamed = new String(plain, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"stream\":true,")
                .getBytes(StandardCharsets.UTF_8);
        var adapter = new OpenAiAdapter(new ProviderErrors(Clock.systemUTC()));
        var base = URI.create("http://127.0.0.1:8089/v1");
        var credential = new Credential("system:openai", Secret.of("sk-bench-0123456789abcdef"));
        ChatRequest request = OpenAiChatRequestReader.read(plain);
        ChatRequest streaming = OpenAiChatRequestReader.read(streamed);
        ChatRequest requestTree = request.withBody(request.body());
        ChatRequest streamingTree = streaming.withBody(streaming.body());

        Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
        cases.put("parseTree", () -> JsonBodies.parseObject(plain));
        cases.put("parseWithModelSpan", () -> SplicableBodies.parse(plain));
        cases.put("upstreamReserialised", () -> adapter.toUpstream(requestTree, "gpt-4o-mini", base, credential));
        cases.put("upstreamSpliced", () -> adapter.toUpstream(request, "gpt-4o-mini", base, credential));
        cases.put("streamReserialised", () -> adapter.toUpstream(streamingTree, "gpt-4o-mini", base, credential));
        cases.put("streamSpliced", () -> adapter.toUpstream(streaming, "gpt-4o-mini", base, credential));

        cases.values().forEach(c -> block(c, 300_000));
        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        cases.keySet().forEach(name -> nanos.put(name, new ArrayList<>()));
        List<String> order = new ArrayList<>(cases.keySet());
        for (int r = 0; r < rounds; r++) {
            Collections.rotate(order, 1);
            for (String name : order) {
                nanos.get(name).add(block(cases.get(name), ops) / (double) ops);
            }
        }
        nanos.forEach((name, values) -> System.out.printf("%-22s median %7.0f ns/op  (p25 %7.0f, p75 %7.0f)%n",
                name, quantile(values, 0.5), quantile(values, 0.25), quantile(values, 0.75)));
        ratio(nanos, "parseWithModelSpan", "parseTree");
        ratio(nanos, "upstreamSpliced", "upstreamReserialised");
        ratio(nanos, "streamSpliced", "streamReserialised");
    }

    /** CPU nanoseconds of this thread for {@code ops} calls. */
    private static long block(Supplier<Object> work, int ops) {
        var threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            sink = work.get();
        }
        return threads.getCurrentThreadCpuTime() - start;
    }

    private static void ratio(Map<String, List<Double>> nanos, String next, String before) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < nanos.get(next).size(); i++) {
            ratios.add(nanos.get(next).get(i) / nanos.get(before).get(i));
        }
        System.out.printf("%s / %s: median ratio %.3f (p25 %.3f, p75 %.3f)%n", next, before,
                quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75));
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) (q * (sorted.size() - 1)));
    }
}
