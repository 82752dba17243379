package io.keyroute.server.telemetry;

import static io.keyroute.server.telemetry.TraceAttributes.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Secrets;
import io.keyroute.api.Usage;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.sse.SseEvent;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What an upstream attempt's span ({@link RequestTrace#attempt}) carries and sends. Every method
 * takes the span as it is, the invalid one included, and then does nothing: the attempt runner
 * calls them whether or not the request is traced.
 */
public final class AttemptSpans {
    /** The event marking the first byte of a streamed answer sent to the caller (its first token). */
    static final String FIRST_TOKEN = "keyroute.first_token";
    /** Larger than any chat answer read for its model and finish reasons. */
    private static final int MAX_ANSWER_READ = 4 * 1024 * 1024;

    private AttemptSpans() {
    }

    /**
     * {@code upstream} with the W3C {@code traceparent} (and {@code tracestate}) naming {@code span}
     * as the parent, so the provider's side of the call joins the trace; only the trace context: the
     * caller's baggage is not the provider's business.
     */
    public static UpstreamRequest propagate(Span span, UpstreamRequest upstream) {
        if (!span.getSpanContext().isValid()) {
            return upstream;
        }
        Map<String, String> headers = new HashMap<>(upstream.headers());
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers, Map::put);
        return new UpstreamRequest(upstream.method(), upstream.uri(), headers, upstream.body(), upstream.stream());
    }

    /**
     * The delivered answer: its tokens as the provider counted them and, for a stream, when its first
     * byte reached the caller. The runner ends the span.
     *
     * @param firstByteNanos {@link System#nanoTime()} of the first byte to the caller, 0 if none
     */
    public static void delivered(Span span, Usage usage, boolean estimated, boolean stream, long firstByteNanos,
                                 String result) {
        if (!span.isRecording()) {
            return;
        }
        usage(span, usage, estimated);
        span.setAttribute(OUTCOME, result);
        if (stream && firstByteNanos != 0) {
            Instant now = Instant.now();
            long epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (System.nanoTime() - firstByteNanos);
            span.addEvent(FIRST_TOKEN, Attributes.empty(), epochNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The prompt the provider is sent, as {@code gen_ai.input.messages}: only where the config's
     * {@code telemetry.capture_content} is on, and read at the attempt, after any guardrail replaced the
     * chat with its redaction. Anything shaped like a key is masked.
     */
    public static void prompt(Span span, ChatRequest chat) {
        if (span.isRecording() && chat != null) {
            span.setAttribute(INPUT_MESSAGES, Secrets.scrub(ContentCapture.inputMessages(chat.body())));
        }
    }

    /**
     * A whole answer as the caller gets it: the model that wrote it, why it stopped and, when content is
     * captured, what it says ({@code gen_ai.output.messages}, keys masked). One past
     * {@link #MAX_ANSWER_READ} (an embeddings answer) is not read again for this.
     */
    public static void answered(Span span, byte[] answer, boolean captureContent) {
        if (!span.isRecording() || answer.length > MAX_ANSWER_READ) {
            return;
        }
        describe(span, AnswerFacts.ofAnswer(answer));
        if (captureContent) { // only then the answer's tree: its texts are what is captured
            JsonNode read = ContentCapture.read(answer);
            if (read != null && read.isObject()) {
                span.setAttribute(OUTPUT_MESSAGES, Secrets.scrub(ContentCapture.outputMessages(read)));
            }
        }
    }

    /**
     * One event of a streamed answer as the caller gets it: the one that ends a choice names the model
     * and why it stopped (Chat Completions' chunk with a {@code finish_reason}, Anthropic's
     * {@code message_start} and {@code message_delta}, a Response's terminal event). Only those few are
     * read, and only when the attempt is traced; a stream's text is never captured.
     */
    public static void streamed(Span span, SseEvent event) {
        if (!span.isRecording() || !ContentCapture.endsAChoice(event.event(), event.data())) {
            return;
        }
        describe(span, AnswerFacts.ofEvent(event.data().getBytes(StandardCharsets.UTF_8)));
    }

    private static void describe(Span span, AnswerFacts facts) {
        if (facts.model() != null) {
            span.setAttribute(RESPONSE_MODEL, Secrets.scrub(facts.model()));
        }
        if (!facts.finishReasons().isEmpty()) {
            span.setAttribute(FINISH_REASONS, facts.finishReasons());
        }
    }

    /** The attempt failed (the provider's verdict, a timeout, a broken answer): its type recorded, the span ended. */
    public static void failed(Span span, Throwable failure) {
        RequestTrace.failed(span, failure);
    }

    /** Tokens and the prompt cache, as the GenAI conventions name them (cache reads and writes are part of the input). */
    public static void usage(Span span, Usage usage, boolean estimated) {
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute(INPUT_TOKENS, usage.promptTokens());
        span.setAttribute(OUTPUT_TOKENS, usage.completionTokens());
        span.setAttribute(CACHE_READ_TOKENS, usage.cachedTokens());
        span.setAttribute(CACHE_CREATION_TOKENS, usage.cacheWriteTokens());
        span.setAttribute(CACHE_HIT, usage.cachedTokens() > 0);
        if (estimated) {
            span.setAttribute(ESTIMATED, true);
        }
    }
}
