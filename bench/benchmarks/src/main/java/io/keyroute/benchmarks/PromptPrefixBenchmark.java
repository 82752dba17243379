package io.keyroute.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.inference.attempts.SessionKey;
import java.util.Optional;
import java.util.Set;
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
 * The prompt-prefix key every chat without a session pays at routing ({@link SessionKey#ofPrefix}):
 * for a short prompt (no prefix: the walk ends at the body's end), a 10 KB one and a 400 KB one (a
 * pasted document after a 5 KB system prompt, in tens of messages). The walk stops at the prefix's
 * 4,096 characters, so the last two should cost alike.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PromptPrefixBenchmark {
    private static final String LINE = "Clause 14.2: the supplier shall deliver within thirty days of the order, or pay 1% a day. ";
    private static final Caller CALLER = new Caller("key_1", "usr_1", "ws_1", null, Set.of(), false);

    @Param({"200", "10240", "409600"})
    int bytes;

    private ObjectNode body;

    @Setup
    public void load() {
        body = Json.MAPPER.createObjectNode().put("model", "gpt-4o-mini");
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", bytes < 1_000 ? "Be brief." : LINE.repeat(55));
        int written = bytes < 1_000 ? 9 : LINE.length() * 55;
        while (written < bytes) {
            String text = LINE.repeat(Math.max(1, Math.min(100, (bytes - written) / LINE.length())));
            messages.addObject().put("role", messages.size() % 2 == 1 ? "user" : "assistant").put("content", text);
            written += text.length();
        }
        System.out.println("\n" + written + " chars of prompt in " + messages.size() + " messages");
    }

    @Benchmark
    public Optional<SessionKey> prefixKey() {
        return SessionKey.ofPrefix(CALLER, body, "chat");
    }
}
