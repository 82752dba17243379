package io.keyroute.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's real logging set-up writes the current span's ids on each line, and nothing without one. */
class TraceIdsLogTest {

    @Test
    void aLineLoggedInsideASpanCarriesItsIdsAndOneOutsideNone() {
        // A request's span as the SDK makes it current: only its context matters to a log line.
        Span span = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault()));
        List<JsonNode> lines = LogCapture.serverJsonLines(Map.of(), context -> {
            var log = context.getLogger("io.keyroute.server.accounting.AccessLog");
            try (Scope ignored = span.makeCurrent()) {
                log.info("inside");
            }
            log.info("outside");
        });

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("message").asText()).isEqualTo("inside");
        assertThat(lines.get(0).path(TraceIdsJsonProvider.TRACE_ID).asText())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(lines.get(0).path(TraceIdsJsonProvider.SPAN_ID).asText())
                .isEqualTo("00f067aa0ba902b7");
        assertThat(lines.get(1).has(TraceIdsJsonProvider.TRACE_ID)).isFalse();
        assertThat(lines.get(1).has(TraceIdsJsonProvider.SPAN_ID)).isFalse();
    }

    @Test
    void withTelemetryOffNoSpanIsCurrentAndNoIdIsWritten() {
        // OpenTelemetry.noop()'s spans are invalid: what the gateway's spans are when telemetry is off.
        Span span = io.opentelemetry.api.OpenTelemetry.noop().getTracer("test").spanBuilder("request").startSpan();
        List<JsonNode> lines = LogCapture.serverJsonLines(Map.of(), context -> {
            try (Scope ignored = span.makeCurrent()) {
                context.getLogger("x").info("line");
            }
        });

        assertThat(lines.getFirst().has(TraceIdsJsonProvider.TRACE_ID)).isFalse();
    }
}
