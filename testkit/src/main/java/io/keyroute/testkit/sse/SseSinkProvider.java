package io.keyroute.testkit.sse;

import io.helidon.common.GenericType;
import io.helidon.common.media.type.MediaType;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.spi.Sink;
import io.helidon.webserver.http.spi.SinkProvider;
import io.helidon.webserver.http.spi.SinkProviderContext;

import java.util.function.BiConsumer;

/**
 * Helidon SPI glue, not API: gives {@link SseWriter} the response's "send the headers now" hook,
 * which Helidon offers only to sinks. Without it the status line waits for the first body byte,
 * and a gated or slow stream could not show its headers before its first event, as OpenAI does.
 * Registered in {@code META-INF/services}; it serves only {@link SseWriter#TYPE}.
 */
public final class SseSinkProvider implements SinkProvider<byte[]> {

    /** For {@link java.util.ServiceLoader}. */
    public SseSinkProvider() {
    }

    @Override
    public boolean supports(GenericType<? extends Sink<?>> type, ServerRequest request) {
        return SseWriter.TYPE.equals(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X extends Sink<byte[]>> X create(SinkProviderContext context) {
        return (X) new SseWriter(context);
    }

    @Override
    public <X extends Sink<byte[]>> X create(ServerResponse response, BiConsumer<Object, MediaType> eventConsumer,
                                            Runnable closeRunnable) {
        throw new UnsupportedOperationException("needs a SinkProviderContext");
    }
}
