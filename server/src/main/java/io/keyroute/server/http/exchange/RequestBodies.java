package io.keyroute.server.http.exchange;

import io.helidon.webserver.http.ServerRequest;
import io.keyroute.api.error.ClientError;
import io.keyroute.providers.http.Bodies;
import java.io.IOException;
import java.util.function.LongConsumer;

/** Reads a request body whole, refusing one over the limit before reading it all. */
public final class RequestBodies {
    private RequestBodies() {
    }

    public static byte[] read(ServerRequest req, long limit) {
        return read(req, limit, bytes -> { });
    }

    /** As {@link #read(ServerRequest, long)}; {@code holding} hears of the bytes before they are held, and may refuse. */
    public static byte[] read(ServerRequest req, long limit, LongConsumer holding) {
        var declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > limit) {
            throw ClientError.tooLarge(limit);
        }
        try {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, limit + 1);
            byte[] body = Bodies.readAtMost(req.content().inputStream(), declared.orElse(-1), cap, holding);
            if (body.length > limit) {
                throw ClientError.tooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            // The client went away or broke off mid-body: its request, not Keyroute, failed.
            throw ClientError.badRequest("invalid_request", "The request body could not be read.", null);
        }
    }
}
