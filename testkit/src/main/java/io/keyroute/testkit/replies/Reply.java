package io.keyroute.testkit.replies;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted reply to one chat completion (or Responses) request, consumed in order by a fake's {@code enqueue}.
 * The same reply serves a streaming and a non-streaming request: text becomes one message or a
 * sequence of chunks. Immutable; every modifier returns a copy.
 *
 * <p>Stream events are counted from 1 and include every {@code data:} line: the role chunk, each
 * content or tool-call chunk, the finish chunk, the usage chunk (when requested) and {@code [DONE]}.
 */
public final class Reply {

    /** What a reply is: text, tool calls, an error in OpenAI's shape, or a verbatim body. */
    public enum Kind { TEXT, TOOL_CALLS, ERROR, RAW }

    private final Kind kind;
    private List<String> pieces = List.of();
    private List<ToolCall> toolCalls = List.of();
    private int status = 200;
    private String message;
    private String errorType;
    private String errorParam;
    private String errorCode;
    private String rawBody;
    private String rawContentType;
    private Map<String, String> headers = Map.of();
    private Duration headersDelay = Duration.ZERO;
    private Duration firstChunkDelay = Duration.ZERO;
    private Duration chunkDelay = Duration.ZERO;
    private int cutAfterChunks = -1;
    private int errorAfterChunks = -1;
    private String streamErrorMessage;
    private boolean gated;
    private Usage usage;
    private String model;
    private String finishReason;
    private String serviceTier;
    private String reasoningSummary;
    private String thinking;
    private String thinkingSignature;

    private Reply(Kind kind) {
        this.kind = kind;
    }

    // ---- factories ---------------------------------------------------------------------------

    /** Assistant text; streamed as word chunks ("hello world" → "hello", " world"). */
    public static Reply text(String text) {
        Objects.requireNonNull(text, "text");
        Reply r = new Reply(Kind.TEXT);
        r.pieces = List.copyOf(Wording.chunks(text));
        return r;
    }

    /** Assistant text streamed exactly as the given pieces (the message is their concatenation). */
    public static Reply chunks(String... pieces) {
        Reply r = new Reply(Kind.TEXT);
        r.pieces = List.of(pieces);
        return r;
    }

    /** One function call with a deterministic id; finish_reason {@code tool_calls}. */
    public static Reply toolCall(String name, String argumentsJson) {
        return toolCalls(new ToolCall(Wording.toolCallId(name, argumentsJson, 0), name, argumentsJson));
    }

    /** Several (parallel) function calls; finish_reason {@code tool_calls}. */
    public static Reply toolCalls(ToolCall... calls) {
        if (calls.length == 0) {
            throw new IllegalArgumentException("at least one tool call");
        }
        Reply r = new Reply(Kind.TOOL_CALLS);
        r.toolCalls = List.of(calls);
        return r;
    }

    /**
     * An error in OpenAI's shape {@code {"error":{"message","type","param","code"}}}. Type and code
     * default from the status (400 invalid_request_error; 401 invalid_api_key; 404 model_not_found;
     * 429 requests/rate_limit_exceeded; 5xx server_error); override with {@link #type}, {@link #code}.
     */
    public static Reply error(int status, String message) {
        Reply r = new Reply(Kind.ERROR);
        r.status = status;
        r.message = Objects.requireNonNull(message, "message");
        r.errorType = ErrorWording.defaultType(status);
        r.errorCode = ErrorWording.defaultCode(status);
        return r;
    }

    /** 429 as OpenAI sends it: retry-after, x-ratelimit-* headers and a rate_limit_exceeded body. */
    public static Reply rateLimited(String model, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return error(429, "Rate limit reached for " + model + " in organization org-fake on requests per min (RPM): "
                + "Limit 3, Used 3, Requested 1. Please try again in " + seconds + "s. "
                + "Visit https://platform.openai.com/account/rate-limits to learn more.")
                .header("retry-after", Long.toString(seconds))
                .header("x-ratelimit-limit-requests", "3")
                .header("x-ratelimit-remaining-requests", "0")
                .header("x-ratelimit-reset-requests", seconds + "s")
                .header("x-ratelimit-limit-tokens", "30000")
                .header("x-ratelimit-remaining-tokens", "29000")
                .header("x-ratelimit-reset-tokens", "2ms");
    }

    /** 429 insufficient_quota (not retryable in practice). */
    public static Reply quotaExceeded() {
        return error(429, "You exceeded your current quota, please check your plan and billing details. For more "
                + "information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.")
                .type("insufficient_quota").code("insufficient_quota");
    }

    /** 404 model_not_found with OpenAI's message. */
    public static Reply modelNotFound(String model) {
        return error(404, ErrorWording.modelNotFound(model));
    }

    /** 500 server_error with OpenAI's message. */
    public static Reply serverError() {
        return error(500, "The server had an error while processing your request. Sorry about that!");
    }

    /** Any status and body, sent verbatim (for malformed or non-OpenAI responses). */
    public static Reply raw(int status, String contentType, String body) {
        Reply r = new Reply(Kind.RAW);
        r.status = status;
        r.rawContentType = Objects.requireNonNull(contentType, "contentType");
        r.rawBody = Objects.requireNonNull(body, "body");
        return r;
    }

    // ---- modifiers ---------------------------------------------------------------------------

    /** Adds a response header (sent with errors and successes alike). */
    public Reply header(String name, String value) {
        Reply r = copy();
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        r.headers = Collections.unmodifiableMap(h);
        return r;
    }

    /** Waits this long before sending status and headers (timeout tests). */
    public Reply headersDelay(Duration delay) {
        Reply r = copy();
        r.headersDelay = nonNegative(delay);
        return r;
    }

    /** Stream: waits this long after the headers before the first event (a silent upstream). */
    public Reply firstChunkDelay(Duration delay) {
        Reply r = copy();
        r.firstChunkDelay = nonNegative(delay);
        return r;
    }

    /** Stream: waits this long between consecutive events. */
    public Reply chunkDelay(Duration delay) {
        Reply r = copy();
        r.chunkDelay = nonNegative(delay);
        return r;
    }

    /**
     * Stream: after {@code n} events the connection is closed abruptly (no finish chunk, no
     * {@code [DONE]}, no chunked-encoding terminator). Non-stream: the connection is closed with no
     * response at all.
     */
    public Reply cutAfterChunks(int n) {
        Reply r = copy();
        r.cutAfterChunks = requireNonNegative(n);
        return r;
    }

    /** Stream: after {@code n} events an {@code data: {"error":{...}}} event is sent and the stream ends without [DONE]. */
    public Reply errorAfterChunks(int n, String message) {
        Reply r = copy();
        r.errorAfterChunks = requireNonNegative(n);
        r.streamErrorMessage = Objects.requireNonNull(message, "message");
        return r;
    }

    /** Stream: each event waits for one {@code releaseNextChunk()} of its fake; headers go out at once. */
    public Reply gated() {
        Reply r = copy();
        r.gated = true;
        return r;
    }

    /** Reports this usage instead of the computed one. */
    public Reply usage(int prompt, int completion, int cached, int reasoning) {
        Reply r = copy();
        r.usage = new Usage(prompt, completion, cached, reasoning);
        return r;
    }

    /**
     * Reports {@code written} of the scripted usage's prompt tokens as written to the prompt cache,
     * {@code forAnHour} of them with the one-hour TTL (Anthropic only).
     */
    public Reply cacheWrites(int written, int forAnHour) {
        Reply r = copy();
        r.usage = new Usage(usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(),
                usage.reasoningTokens(), written, forAnHour);
        return r;
    }

    /** Reports this model (e.g. a dated snapshot) instead of echoing the request's. */
    public Reply model(String model) {
        Reply r = copy();
        r.model = Objects.requireNonNull(model, "model");
        return r;
    }

    /** Reports this service_tier as the one that served the call (e.g. {@code flex}) instead of {@code default}. */
    public Reply serviceTier(String serviceTier) {
        Reply r = copy();
        r.serviceTier = Objects.requireNonNull(serviceTier, "serviceTier");
        return r;
    }

    /**
     * The model's reasoning summary before its answer, where an API carries one (the Responses API's
     * reasoning item, streamed word by word); its words count as reasoning tokens of the completion.
     */
    public Reply reasoningSummary(String summary) {
        Reply r = copy();
        r.reasoningSummary = Objects.requireNonNull(summary, "summary");
        return r;
    }

    /**
     * Anthropic's extended thinking before the answer: a thinking block with its {@code signature}
     * (streamed as thinking_delta word by word, then one signature_delta).
     */
    public Reply thinking(String text, String signature) {
        Reply r = copy();
        r.thinking = Objects.requireNonNull(text, "text");
        r.thinkingSignature = Objects.requireNonNull(signature, "signature");
        return r;
    }

    /** Overrides finish_reason (e.g. {@code length}, {@code content_filter}). */
    public Reply finishReason(String finishReason) {
        Reply r = copy();
        r.finishReason = Objects.requireNonNull(finishReason, "finishReason");
        return r;
    }

    public Reply type(String type) {
        Reply r = copy();
        r.errorType = type;
        return r;
    }

    public Reply code(String code) {
        Reply r = copy();
        r.errorCode = code;
        return r;
    }

    public Reply param(String param) {
        Reply r = copy();
        r.errorParam = param;
        return r;
    }

    // ---- what the fakes read ---------------------------------------------------------------------

    public Kind kind() {
        return kind;
    }

    public List<String> pieces() {
        return pieces;
    }

    public List<ToolCall> toolCalls() {
        return toolCalls;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    public String errorType() {
        return errorType;
    }

    public String errorParam() {
        return errorParam;
    }

    public String errorCode() {
        return errorCode;
    }

    public String rawBody() {
        return rawBody;
    }

    public String rawContentType() {
        return rawContentType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Duration headersDelay() {
        return headersDelay;
    }

    public Duration firstChunkDelay() {
        return firstChunkDelay;
    }

    public Duration chunkDelay() {
        return chunkDelay;
    }

    public int cutAfterChunks() {
        return cutAfterChunks;
    }

    public int errorAfterChunks() {
        return errorAfterChunks;
    }

    public String streamErrorMessage() {
        return streamErrorMessage;
    }

    public boolean isGated() {
        return gated;
    }

    public Usage usage() {
        return usage;
    }

    public String model() {
        return model;
    }

    public String finishReason() {
        return finishReason;
    }

    public String serviceTier() {
        return serviceTier;
    }

    /** The scripted reasoning summary, or null. */
    public String reasoningSummary() {
        return reasoningSummary;
    }

    /** The scripted thinking text, or null. */
    public String thinking() {
        return thinking;
    }

    /** The scripted thinking's signature, or null. */
    public String thinkingSignature() {
        return thinkingSignature;
    }

    /** The whole text: the pieces joined. */
    public String text() {
        return String.join("", pieces);
    }

    /** The scripted finish_reason, else {@code tool_calls} or {@code stop} by kind. */
    public String effectiveFinishReason() {
        if (finishReason != null) {
            return finishReason;
        }
        return kind == Kind.TOOL_CALLS ? "tool_calls" : "stop";
    }

    private Reply copy() {
        Reply r = new Reply(kind);
        r.pieces = pieces;
        r.toolCalls = toolCalls;
        r.status = status;
        r.message = message;
        r.errorType = errorType;
        r.errorParam = errorParam;
        r.errorCode = errorCode;
        r.rawBody = rawBody;
        r.rawContentType = rawContentType;
        r.headers = headers;
        r.headersDelay = headersDelay;
        r.firstChunkDelay = firstChunkDelay;
        r.chunkDelay = chunkDelay;
        r.cutAfterChunks = cutAfterChunks;
        r.errorAfterChunks = errorAfterChunks;
        r.streamErrorMessage = streamErrorMessage;
        r.gated = gated;
        r.usage = usage;
        r.model = model;
        r.finishReason = finishReason;
        r.serviceTier = serviceTier;
        r.reasoningSummary = reasoningSummary;
        r.thinking = thinking;
        r.thinkingSignature = thinkingSignature;
        return r;
    }

    private static Duration nonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + d);
        }
        return d;
    }

    private static int requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        return n;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TEXT -> "Reply.text(" + text() + ")";
            case TOOL_CALLS -> "Reply.toolCalls(" + toolCalls + ")";
            case ERROR -> "Reply.error(" + status + ", " + message + ")";
            case RAW -> "Reply.raw(" + status + ")";
        };
    }
}
