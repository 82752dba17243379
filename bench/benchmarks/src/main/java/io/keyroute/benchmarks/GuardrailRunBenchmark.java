package io.keyroute.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.server.config.KeyrouteConfig.GuardrailSettings;
import io.keyroute.server.guardrails.GuardrailEvents;
import io.keyroute.server.guardrails.GuardrailRun;
import io.keyroute.server.guardrails.GuardrailTypes;
import io.keyroute.server.guardrails.Guardrails;
import io.keyroute.server.guardrails.VerdictSummary;
import io.keyroute.server.ops.GatewayMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * What the pii and secrets guardrails cost a short request on the gateway's path (issue 24 item 9: at most
 * +25 µs of CPU per request over off): {@code bench/run.sh --guardrails}'s two steps, on input and output,
 * over its chat (a system prompt and one user turn) and the fake's answer, whose texts the JSON delivery reads
 * from its bytes before the output steps see them. Nothing is found, as in the bench: the cost of looking.
 */
public class GuardrailRunBenchmark extends MicrosecondBenchmark {
    private static final String REQUEST = """
            {"model":"openai/gpt-4o-mini","stream":false,"messages":[{"role":"system","content":"You are terse."},\
            {"role":"user","content":"Say hello to the benchmark in five words."}]}""";
    private static final byte[] ANSWER = """
            {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,\
            "model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant",\
            "content":"Hello there, dear benchmark friend!","refusal":null,"annotations":[]},"logprobs":null,\
            "finish_reason":"stop"}],"usage":{"prompt_tokens":24,"completion_tokens":8,"total_tokens":32},\
            "service_tier":"default","system_fingerprint":"fp_06737a9306"}""".getBytes(StandardCharsets.UTF_8);

    private Guardrails guardrails;
    private ObjectNode request;
    private final GuardrailEvents metrics = new GatewayMetrics().guardrails();

    @Setup
    public void load() throws IOException {
        guardrails = Guardrails.build(List.of(
                new GuardrailSettings("pii", "pii", List.of("input", "output"), "redact", null, null, null, null, null,
                        null),
                new GuardrailSettings("secrets", "secrets", List.of("input", "output"), "block", null, null, null,
                        null, null, null)), GuardrailTypes.builtIn());
        request = (ObjectNode) Json.MAPPER.readTree(REQUEST);
    }

    /** The input steps over the request: what the Guard step does. */
    @Benchmark
    public ObjectNode request() {
        return run().request(request);
    }

    /** The request's checks and the answer's, read as the JSON delivery reads it: a guarded request's whole cost. */
    @Benchmark
    public byte[] requestAndAnswer() throws IOException {
        GuardrailRun run = run();
        run.request(request);
        return run.answer(ANSWER);
    }

    /** The same as the process pays it: with the metrics a step records and the record's verdict line. */
    @Benchmark
    public String requestAndAnswerMetered() throws IOException {
        GuardrailRun run = guardrails.start("ws_bench", null, List::of, metrics);
        run.request(request);
        run.answer(ANSWER);
        return VerdictSummary.of(run.verdicts());
    }

    private GuardrailRun run() {
        return guardrails.start("ws_bench", null, List::of, GuardrailEvents.NONE);
    }
}
