package io.keyroute.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.EmbeddingsRequest;
import io.keyroute.api.Usage;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.http.Transport;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.providers.sse.SseReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One call the way the gateway's attempt makes it, without routing: the adapter builds the native
 * request, the transport sends it over the wire, and the adapter reads the answer (whole or as a
 * stream of events) or turns an error status into its {@link UpstreamError}.
 */
record AdapterOverTransport(String providerId, ProviderAdapter adapter, Transport transport, URI baseUrl,
                            String upstreamModel, Credential credential) {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A whole answer. */
    ChatResult chat(ChatRequest request) {
        UpstreamRequest upstream = adapter.toUpstream(request, upstreamModel, baseUrl, credential);
        assertThat(upstream.stream()).as("a whole answer is asked for as one").isFalse();
        try (UpstreamExchange exchange = send(upstream)) {
            return adapter.fromUpstream(request, exchange.body().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A streamed answer, read to its end. */
    StreamedAnswer stream(ChatRequest request) {
        try (OpenStream open = open(request)) {
            while (open.next()) {
                // every event is collected as it is read
            }
            return open.answer();
        }
    }

    /** A stream whose events the caller reads one by one (and may abandon). */
    OpenStream open(ChatRequest request) {
        UpstreamRequest upstream = adapter.toUpstream(request, upstreamModel, baseUrl, credential);
        assertThat(upstream.stream()).as("a stream is asked for as one").isTrue();
        UpstreamExchange exchange = send(upstream);
        return new OpenStream(exchange, adapter.newStreamDecoder(request));
    }

    /** Embeddings from {@code model}, through the adapter's {@link EmbeddingsAdapter} side. */
    ChatResult embeddings(EmbeddingsRequest request, String model) {
        EmbeddingsAdapter embeddings = (EmbeddingsAdapter) adapter;
        UpstreamRequest upstream = embeddings.toUpstreamEmbeddings(request, model, baseUrl, credential);
        try (UpstreamExchange exchange = send(upstream)) {
            return embeddings.fromUpstreamEmbeddings(request, model, exchange.body().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The provider's count of {@code request}'s prompt, through the adapter's {@link TokenCountAdapter} side. */
    long count(ChatRequest request) {
        TokenCountAdapter counts = (TokenCountAdapter) adapter;
        UpstreamRequest upstream = counts.toUpstreamCount(request, upstreamModel, baseUrl, credential).orElseThrow();
        assertThat(upstream.stream()).as("a count is one answer").isFalse();
        try (UpstreamExchange exchange = send(upstream)) {
            return counts.fromUpstreamCount(exchange.body().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status a call built elsewhere (a kind's models probe) gets over the same transport. */
    int status(UpstreamRequest request) {
        try (UpstreamExchange exchange = transport.send(providerId, request, TIMEOUT)) {
            exchange.body().readAllBytes();
            return exchange.status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends, and answers an error status with the adapter's error, as the attempt does. */
    private UpstreamExchange send(UpstreamRequest upstream) {
        UpstreamExchange exchange = transport.send(providerId, upstream, TIMEOUT);
        int status = exchange.status();
        if (status >= 200 && status < 300) {
            return exchange;
        }
        try (exchange) {
            throw adapter.mapError(providerId, status, exchange::header, exchange.body().readAllBytes(),
                    credential.apiKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An upstream stream being decoded: each {@link #next} reads one upstream event. */
    static final class OpenStream implements AutoCloseable, StreamOutput {
        private final UpstreamExchange exchange;
        private final StreamDecoder decoder;
        private final SseReader reader;
        private final List<String> data = new ArrayList<>();
        private final ByteArrayOutputStream relayed = new ByteArrayOutputStream();
        private final List<StreamedAnswer.UsageReport> reports = new ArrayList<>();

        private OpenStream(UpstreamExchange exchange, StreamDecoder decoder) {
            this.exchange = exchange;
            this.decoder = decoder;
            this.reader = new SseReader(exchange.body());
        }

        /** Decodes the next upstream event; false at the end of the stream. */
        boolean next() {
            try {
                SseEvent event = reader.next();
                if (event == null) {
                    return false;
                }
                decoder.onEvent(event, this);
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Abandons the call mid-stream, as the gateway does when its client leaves. */
        void cancel() {
            exchange.cancel();
        }

        StreamedAnswer answer() {
            return new StreamedAnswer(List.copyOf(data), List.copyOf(reports), decoder.complete(), decoder.reportedError());
        }

        /** Every event the decoder wrote, as the gateway puts it on the caller's wire. */
        byte[] relayed() {
            return relayed.toByteArray();
        }

        @Override
        public void event(SseEvent event) {
            data.add(event.data());
            relayed.writeBytes(event.toBytes());
        }

        @Override
        public void usage(Usage usage) {
            reports.add(new StreamedAnswer.UsageReport(usage, false));
        }

        @Override
        public void partialUsage(Usage usage) {
            reports.add(new StreamedAnswer.UsageReport(usage, true));
        }

        @Override
        public void close() {
            exchange.close();
        }
    }
}
