package io.keyroute.server.telemetry;

import io.keyroute.api.error.GatewayError;
import io.keyroute.api.error.UpstreamError;
import java.util.Locale;

/**
 * A failure as the {@code error.type} attribute names it: low-cardinality and never its message
 * (which may quote a provider). An upstream's verdict by its HTTP status ({@code 429}) or its kind
 * ({@code timeout}, {@code connect}, {@code protocol}, {@code circuit_open}); any other gateway
 * error by its code ({@code rate_limited}, {@code budget_exceeded}); anything else by its class.
 */
final class ErrorTypes {
    private ErrorTypes() {
    }

    static String of(Throwable failure) {
        if (failure instanceof UpstreamError upstream && upstream.kind() != null) {
            return upstream.kind() == UpstreamError.Kind.STATUS ? String.valueOf(upstream.upstreamStatus())
                    : upstream.kind().name().toLowerCase(Locale.ROOT);
        }
        if (failure instanceof GatewayError error) {
            return error.code();
        }
        return failure.getClass().getName();
    }
}
