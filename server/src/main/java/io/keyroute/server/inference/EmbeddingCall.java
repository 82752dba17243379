package io.keyroute.server.inference;

import io.helidon.http.HeaderName;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.GatewayError;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.limits.InFlightLimits;
import java.util.Optional;

/**
 * An embeddings request Keyroute makes for a caller ({@link InternalEmbeddings}), as the flow's caller side: the
 * caller already authenticated, the body made here, the answer kept instead of sent. A refusal is kept as no
 * answer; it was recorded by the flow's books like any other.
 */
final class EmbeddingCall implements CallerSide {
    private final Headers headers = WritableHeaders.create();

    private final Caller caller;
    private final byte[] body;
    private byte[] answer;
    private boolean answered;

    EmbeddingCall(Caller caller, byte[] body) {
        this.caller = caller;
        this.body = body;
    }

    /** The answer's JSON, when the call succeeded. */
    Optional<byte[]> answer() {
        return Optional.ofNullable(answer);
    }

    @Override
    public Caller authenticated() {
        return caller;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/v1/embeddings";
    }

    @Override
    public byte[] body(InFlightLimits.Pass pass, long limit) {
        if (body.length > limit) {
            throw ClientError.tooLarge(limit);
        }
        return pass.body(body);
    }

    @Override
    public void header(HeaderName name, String value) {
        // the answer goes to no one's headers
    }

    @Override
    public boolean answered() {
        return answered;
    }

    @Override
    public void refuse(WireFormat format, GatewayError error) {
        answered = true;
    }

    @Override
    public void sendJson(byte[] json) {
        answered = true;
        answer = json;
    }

    @Override
    public void openStream() {
        throw new IllegalStateException("an embeddings answer is never streamed");
    }

    @Override
    public void event(SseEvent event) {
        throw new IllegalStateException("an embeddings answer is never streamed");
    }

    @Override
    public void heartbeat() {
        // never streamed
    }

    @Override
    public void closeStream() {
        // never streamed
    }
}
