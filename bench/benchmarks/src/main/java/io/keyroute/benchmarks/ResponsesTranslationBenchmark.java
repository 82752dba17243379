package io.keyroute.benchmarks;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secret;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.EventSink;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.canonical.StreamEventWriter;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.api.wire.openai.OpenAiChunkWriter;
import io.keyroute.api.wire.responses.ResponsesEventWriter;
import io.keyroute.api.wire.responses.ResponsesRequest;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import io.keyroute.providers.ChatResult;
import io.keyroute.providers.Credential;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.openai.OpenAiAdapter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A Responses API caller's side of a translated request: its body read and translated
 * ({@link ResponsesRequestReader}), and the provider's answer written back as Responses events
 * ({@link ResponsesEventWriter}), per event; and a whole non-streamed request through an
 * {@code openai-compatible} provider's adapter ({@link #nonStreamed}). {@code format=chat} runs the chat caller's reader and
 * chunk writer on the same conversation and answer: the baseline of issue 20's target (a Responses
 * request within 1.3x of a chat request's CPU). {@link #toUpstream} and {@link #fromUpstream} are the two ways of
 * {@link #nonStreamed} apart, from a request already read.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ResponsesTranslationBenchmark {
    private static final long CREATED = 1_745_000_000L;
    /** The canonical stream of {@link Samples#CHAT_STREAM}: start, word deltas, finish, usage, end. */
    private static final List<StreamEvent> STREAM = stream();

    @Param({"responses", "chat"})
    public String format;

    private final ResponsesRequest request = ResponsesRequestReader.read(Samples.RESPONSES_REQUEST);
    private final ChatRequest chat = OpenAiChatRequestReader.read(Samples.CHAT_REQUEST);
    private final OpenAiAdapter compatible = new OpenAiAdapter(new ProviderErrors(Clock.systemUTC()));
    private final URI base = URI.create("http://127.0.0.1:8089/v1");
    private final Credential credential = new Credential("system:bench", Secret.of("sk-bench-0123456789abcdef"));

    @Benchmark
    public Object readRequest() {
        return "responses".equals(format)
                ? ResponsesRequestReader.read(Samples.RESPONSES_REQUEST)
                : OpenAiChatRequestReader.read(Samples.CHAT_REQUEST);
    }

    /**
     * What a non-streamed request costs in translation: the body read, the upstream request built
     * and the answer read and written in the caller's format. A chat request to the same provider
     * passes through (the model spliced in, the answer's usage scanned).
     */
    @Benchmark
    public ChatResult nonStreamed(Blackhole bh) {
        ChatRequest chat = "responses".equals(format)
                ? ResponsesRequestReader.read(Samples.RESPONSES_REQUEST).chat()
                : OpenAiChatRequestReader.read(Samples.CHAT_REQUEST);
        bh.consume(compatible.toUpstream(chat, "gpt-4o-mini", base, credential));
        return compatible.fromUpstream(chat, Samples.CHAT_ANSWER);
    }

    /** The translation one way: the upstream chat request written from a read request. */
    @Benchmark
    public Object toUpstream() {
        return compatible.toUpstream(parsed(), "gpt-4o-mini", base, credential);
    }

    /** The translation the other way: the provider's chat answer read and written in the caller's format. */
    @Benchmark
    public ChatResult fromUpstream() {
        return compatible.fromUpstream(parsed(), Samples.CHAT_ANSWER);
    }

    private ChatRequest parsed() {
        return "responses".equals(format) ? request.chat() : chat;
    }

    @Benchmark
    @OperationsPerInvocation(Samples.STREAM_EVENTS)
    public void writeEvent(Blackhole bh) {
        StreamEventWriter writer = "responses".equals(format)
                ? new ResponsesEventWriter(request, "resp_bench", CREATED)
                : new OpenAiChunkWriter(CREATED, true);
        EventSink sink = (event, data) -> bh.consume(data);
        for (StreamEvent event : STREAM) {
            writer.write(event, sink);
        }
    }

    private static List<StreamEvent> stream() {
        List<StreamEvent> events = new ArrayList<>();
        events.add(new StreamEvent.Start("chatcmpl-BQ2ezQ7Nh3pW4kLk", "gpt-4o-mini-2024-07-18"));
        for (int i = 0; i < Samples.STREAM_EVENTS - 4; i++) {
            events.add(new StreamEvent.TextDelta(" word" + i));
        }
        events.add(new StreamEvent.Finish(FinishReason.STOP, null));
        events.add(new StreamEvent.UsageReport(new Usage(96, 40, 0, 0), false));
        events.add(new StreamEvent.End());
        return List.copyOf(events);
    }
}
