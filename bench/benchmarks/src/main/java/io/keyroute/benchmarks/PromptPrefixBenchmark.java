package io.keyroute.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.inference.attempts.SessionKey;
import java.util.Optional;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The prompt-prefix key every chat without a session pays at routing ({@link SessionKey#ofPrefix}):
 * for a short prompt (no prefix: the walk ends at the body's end), a 10 KB one and a 400 KB one (a
 * pasted document after a 5 KB system prompt, in tens of messages). The walk stops at the prefix's
 * 4,096 characters, so the last two should cost alike.
 */
public class PromptPrefixBenchmark extends MicrosecondBenchmark {
    private static final Caller CALLER = new Caller("key_1", "usr_1", "ws_1", null, Set.of(), false);

    @Param({"200", "10240", "409600"})
    int bytes;

    private ObjectNode body;

    @Setup
    public void load() {
        String system = bytes < 1_000 ? "Be brief." : SizedChats.CLAUSE.repeat(55);
        body = SizedChats.fill(Json.MAPPER.createObjectNode().put("model", "gpt-4o-mini"), system, bytes, null, "");
        int written = 0;
        for (var message : body.get("messages")) {
            written += message.get("content").asText().length();
        }
        System.out.println("\n" + written + " chars of prompt in " + body.get("messages").size() + " messages");
    }

    @Benchmark
    public Optional<SessionKey> prefixKey() {
        return SessionKey.ofPrefix(CALLER, body, "chat");
    }
}
