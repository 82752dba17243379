package io.keyroute.server.telemetry;

import static io.keyroute.server.telemetry.TraceAttributes.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.catalog.Target;
import io.keyroute.providers.Provider;
import io.keyroute.usage.CacheUse;
import io.keyroute.usage.RequestRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * One inference request's spans: the server span, made current for the request's thread (its
 * parent the caller's {@code traceparent}, when it sent one), and its children: the routing
 * decision, each limit ({@link TracedGate}) and each upstream attempt ({@link AttemptSpans}), so a
 * retry or a failover shows as siblings. Made only when telemetry is on; a step that finds none
 * gets {@link Span#getInvalid()}, whose methods do nothing, and allocates nothing.
 */
public final class RequestTrace {
    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> headers) {
            return List.of(); // only named headers are read (traceparent, tracestate, baggage)
        }

        @Override
        public String get(Function<String, String> headers, String name) {
            return headers == null ? null : headers.apply(name);
        }
    };

    /** Chat Completions (both names), Anthropic Messages, Responses; Gemini's is read from its translation. */
    private static final List<String> MAX_TOKENS_FIELDS =
            List.of("max_completion_tokens", "max_tokens", "max_output_tokens");

    /** Server spans' names: a method and a route; attempts': an operation and a model. */
    private static final SpanNames NAMES = new SpanNames();

    private final Tracer tracer;
    private final Span server;
    private final Context context;
    private final Scope scope;

    private RequestTrace(Tracer tracer, Span server, Context context) {
        this.tracer = tracer;
        this.server = server;
        this.context = context;
        this.scope = context.makeCurrent();
    }

    /**
     * The server span of a request to {@code route}, continuing the trace the caller's headers name.
     *
     * @param headers the caller's header of a name, or null
     */
    public static RequestTrace start(Telemetry telemetry, String method, String route, Function<String, String> headers) {
        Context parent = telemetry.openTelemetry().getPropagators().getTextMapPropagator()
                .extract(Context.root(), headers, HEADERS);
        Span server = telemetry.tracer().spanBuilder(NAMES.of(method, route))
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(HTTP_METHOD, method)
                .setAttribute(HTTP_ROUTE, route)
                .startSpan();
        return new RequestTrace(telemetry.tracer(), server, parent.with(server));
    }

    /** A child span of {@code trace}'s server span, or the invalid span (which records nothing) when there is no trace. */
    public static Span child(RequestTrace trace, String name) {
        return trace == null ? Span.getInvalid()
                : trace.tracer.spanBuilder(name).setParent(trace.context).startSpan();
    }

    /** The routing decision on its span, which ends. */
    public static void routed(Span span, String route, String reason, List<Target> targets) {
        if (span.isRecording()) {
            if (route != null) {
                span.setAttribute(ROUTE, route);
            }
            span.setAttribute(ROUTE_REASON, reason);
            span.setAttribute(TARGETS, targets.stream().map(Target::qualified).toList());
        }
        span.end();
    }

    /** A step's span that ends in {@code failure}: recorded with its type, then ended. */
    public static void failed(Span span, Throwable failure) {
        recordFailure(span, failure);
        span.end();
    }

    /** {@code failure}'s type on {@code span} (as {@code error.type} and its status), which stays open. */
    static void recordFailure(Span span, Throwable failure) {
        if (span.isRecording()) {
            String type = ErrorTypes.of(failure);
            span.setAttribute(ERROR_TYPE, type);
            span.setStatus(StatusCode.ERROR, type);
        }
    }

    /**
     * The CLIENT span of one upstream attempt, named as the GenAI conventions name an inference
     * ({@code chat gpt-4o}); {@link AttemptSpans} sends it upstream as the {@code traceparent}'s parent
     * and ends it.
     *
     * @param operation {@code chat} or {@code embeddings}
     * @param maxTokens the request's bound on its answer, or null
     */
    public Span attempt(String operation, Provider provider, Target target, String credentialId, int number,
                        URI uri, Long maxTokens) {
        var span = tracer.spanBuilder(NAMES.of(operation, target.upstreamModel()))
                .setParent(context)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION, operation)
                .setAttribute(PROVIDER, ProviderNames.of(provider))
                .setAttribute(REQUEST_MODEL, target.upstreamModel())
                .setAttribute(PROVIDER_ID, provider.id())
                .setAttribute(CREDENTIAL, credentialId)
                .setAttribute(ATTEMPT, number);
        if (uri != null && uri.getHost() != null) {
            span.setAttribute(SERVER_ADDRESS, uri.getHost());
            span.setAttribute(SERVER_PORT, uri.getPort() != -1 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443);
        }
        if (maxTokens != null) {
            span.setAttribute(REQUEST_MAX_TOKENS, maxTokens);
        }
        return span.startSpan();
    }

    /**
     * What the request asked for, once parsed: {@code chat} or {@code embeddings} (null when it was
     * refused before), and its bound on the answer's tokens.
     */
    public void asked(String operation, Long maxTokens) {
        if (operation != null) {
            server.setAttribute(OPERATION, operation);
        }
        if (maxTokens != null) {
            server.setAttribute(REQUEST_MAX_TOKENS, maxTokens);
        }
    }

    /**
     * Ends the server span with the request's record (every attempt's tokens and cost, who asked,
     * where it went) and, when it failed, its error's type; the request's thread leaves the trace.
     *
     * @param record    null when the request ended before its books were opened
     * @param errorType the error's code ({@code rate_limited}, {@code upstream_error}, ...), or null
     */
    public void end(RequestRecord record, String errorType) {
        try {
            if (record != null) {
                describe(record);
            }
            if (errorType != null) {
                server.setAttribute(ERROR_TYPE, errorType);
                server.setStatus(StatusCode.ERROR, errorType);
            }
            server.end();
        } finally {
            scope.close();
        }
    }

    private void describe(RequestRecord record) {
        server.setAttribute(REQUEST_ID, record.requestId());
        server.setAttribute(HTTP_STATUS, record.status());
        server.setAttribute(STREAM, record.streamed());
        server.setAttribute(ATTEMPTS, record.attempts());
        server.setAttribute(OUTCOME, record.outcome());
        setIfPresent(WORKSPACE, record.workspaceId());
        setIfPresent(USER, record.userId());
        setIfPresent(KEY, record.keyId());
        setIfPresent(CREDENTIAL, record.credentialId());
        setIfPresent(REQUEST_MODEL, record.requestedModel()); // scrubbed by the books: callers paste keys anywhere
        setIfPresent(ROUTE, record.route());
        setIfPresent(ROUTE_REASON, record.routeReason());
        setIfPresent(PROVIDER_ID, record.provider());
        setIfPresent(RESPONSE_MODEL, record.model());
        if (record.costMicros() != null) {
            server.setAttribute(COST, record.costMicros() / 1_000_000.0);
        }
        if (record.attempts() > 0) {
            AttemptSpans.usage(server, record.usage(), record.estimated());
        }
        CacheUse cache = record.cache();
        if (cache != null) {
            server.setAttribute(ANSWER_CACHE, cache.status());
            if (cache.hit()) {
                server.setAttribute(ANSWER_CACHE_SAVED, cache.savedMicros() / 1_000_000.0);
                if (cache.similarity() != null) {
                    server.setAttribute(ANSWER_CACHE_SIMILARITY, cache.similarity());
                }
            }
        }
    }

    private void setIfPresent(io.opentelemetry.api.common.AttributeKey<String> key, String value) {
        if (value != null) {
            server.setAttribute(key, value);
        }
    }

    /** A chat's bound on its answer, in whichever API's name it came ({@code max_tokens}, ...), or null. */
    public static Long maxTokens(ChatRequest chat) {
        if (chat == null) {
            return null;
        }
        for (String field : MAX_TOKENS_FIELDS) {
            JsonNode value = chat.body().get(field);
            if (value != null && value.canConvertToLong()) {
                return value.asLong();
            }
        }
        return null;
    }

    /** Ends a call that has no usage record (a management call) with the status it was answered; a 5xx is its error. */
    public void answered(int status) {
        server.setAttribute(HTTP_STATUS, status);
        end(null, status >= 500 ? String.valueOf(status) : null);
    }

        /** Ends the trace as a request that broke outside the books (a bug): its type recorded. */
    public void crashed(Throwable failure) {
        end(null, ErrorTypes.of(failure));
    }
}
