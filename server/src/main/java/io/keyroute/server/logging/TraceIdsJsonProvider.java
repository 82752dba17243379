package io.keyroute.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.io.IOException;
import net.logstash.logback.composite.AbstractJsonProvider;

/**
 * {@code trace_id} and {@code span_id} of the span current where the line is logged (a request's,
 * when telemetry is on), as OpenTelemetry's log correlation names them, so a log line and its trace
 * find each other. Read when the line is encoded, which the server's console appender does on the
 * logging thread itself; when telemetry is off no span is ever current and nothing is written.
 */
public final class TraceIdsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {
    static final String TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            generator.writeStringField(TRACE_ID, span.getTraceId());
            generator.writeStringField(SPAN_ID, span.getSpanId());
        }
    }
}
