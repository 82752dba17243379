package io.keyroute.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.catalog.Target;
import io.keyroute.routing.RouteDecision;
import io.keyroute.server.cache.AnswerKeys;
import io.keyroute.server.cache.AnswerStore;
import io.keyroute.server.cache.AnswerStores;
import io.keyroute.server.cache.CacheScope;
import io.keyroute.server.cache.CacheTargets;
import io.keyroute.server.cache.CachedAnswer;
import io.keyroute.server.config.ExactCacheSettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What the exact cache adds to a request in this process (ServeFromCache's own work, HTTP aside): the answer's key
 * (SHA-256 over the canonical request) for a short chat, a 10 KB one and a 100 KB one; a look-up that misses
 * (key + Caffeine get: a miss's extra cost before the provider is called) and one that hits (what a hit costs
 * before its replay is written); and a whole miss as {@code bench/run.sh --cache}'s miss row makes it: a request
 * never sent before, to a route, its target and key, the look-up, and its answer kept in a store already at its
 * bound (the upstream's answer bytes are allocated in the benchmark, 616 bytes of its bytes/op, as the upstream's
 * reading would; the request's new {@code seed} is a 16-byte node).
 */
public class AnswerCacheBenchmark extends MicrosecondBenchmark {
    private static final CacheScope SCOPE = new CacheScope("ws_1", null);
    private static final String TARGET = "openai/gpt-4o-mini";

    @Param({"200", "10240", "102400"})
    int bytes;

    private ObjectNode body;
    private ObjectNode other;
    private AnswerStore store;
    private ObjectNode fresh;
    private long sent;

    /** {@code bench/run.sh}'s route: the misses there are requests to it. */
    private static final RouteSettings ROUTE = new RouteSettings("bench", "fallback", List.of("fast/gpt-4o-mini"),
            List.of(), Map.of());
    private static final RouteDecision DECISION = new RouteDecision("bench", "bench", "fallback", null, null, null,
            List.of(new RouteDecision.Estimate(new Target("fast", "gpt-4o-mini"), null, null)), List.of(), "bench");

    @Setup
    public void load() {
        body = chat("");
        other = chat(" (another)");
        store = AnswerStores.memory(new ExactCacheSettings(true, 3600L), com.github.benmanes.caffeine.cache.Ticker.systemTicker());
        store.put(key(body), new CachedAnswer(WireFormat.OPENAI_CHAT, false, new byte[600], List.of(), "openai",
                "gpt-4o-mini", 210), Duration.ofHours(1));
        fresh = chat("");
        for (int i = 0; i < 20_000; i++) { // past the default bound of 10,000 answers: each miss now evicts
            miss();
        }
    }

    private ObjectNode chat(String tail) {
        return SizedChats.fill(Json.MAPPER.createObjectNode().put("model", "gpt-4o-mini").put("temperature", 0),
                "Be brief.", bytes, "What is the capital of France?", tail);
    }

    private static String key(ObjectNode chat) {
        return AnswerKeys.of(SCOPE, TARGET, WireFormat.OPENAI_CHAT, false, false, chat);
    }

    @Benchmark
    public String answerKey() {
        return key(body);
    }

    @Benchmark
    public Optional<CachedAnswer> lookUpThatMisses() {
        return store.get(key(other));
    }

    @Benchmark
    public Optional<CachedAnswer> miss() {
        fresh.put("seed", sent++);
        String key = AnswerKeys.of(SCOPE, CacheTargets.of(DECISION, ROUTE), WireFormat.OPENAI_CHAT, false, false, fresh);
        Optional<CachedAnswer> stored = store.get(key);
        if (stored.isEmpty()) {
            store.put(key, new CachedAnswer(WireFormat.OPENAI_CHAT, false, new byte[600], List.of(), "fast",
                    "gpt-4o-mini", 210), Duration.ofHours(1));
        }
        return stored;
    }

    @Benchmark
    public Optional<CachedAnswer> lookUpThatHits() {
        return store.get(key(body));
    }
}
