package io.keyroute.testkit.openai;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.HttpOut;
import io.keyroute.testkit.replies.Reply;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Status, OpenAI's response headers and bodies; the one place OpenAI responses are started. */
final class OpenAiResponses {

    private static final Header OPENAI_VERSION = HeaderValues.createCached("openai-version", "2020-10-01");
    private static final Header OPENAI_ORGANIZATION = HeaderValues.createCached("openai-organization", "user-fake");
    private static final Header PROCESSING_MS = HeaderValues.createCached("openai-processing-ms", "1");
    private static final Header CACHE_CONTROL = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-cache");

    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private OpenAiResponses() {
    }

    /** Status, content type, OpenAI's standard headers and the reply's extra headers. */
    static void start(ServerResponse res, int status, Header contentType, Map<String, String> extra) {
        res.status(Status.create(status));
        res.header(contentType);
        res.header(OPENAI_VERSION);
        res.header(OPENAI_ORGANIZATION);
        res.header(PROCESSING_MS);
        res.header("x-request-id", "req_" + Long.toHexString(0x5eed0000_0000_0000L | REQUEST_IDS.incrementAndGet()));
        if (contentType == HttpOut.CONTENT_TYPE_SSE) {
            res.header(CACHE_CONTROL);
        }
        extra.forEach(res::header);
    }

    static void json(ServerResponse res, int status, byte[] body, Map<String, String> extra) {
        start(res, status, HttpOut.CONTENT_TYPE_JSON, extra);
        res.send(body);
    }

    static void error(ServerResponse res, int status, String message, String type, String param, String code) {
        json(res, status, OpenAiWire.bytes(OpenAiWire.error(message, type, param, code)), Map.of());
    }

    /**
     * Sends an {@link Reply.Kind#ERROR} reply in OpenAI's error shape, or a {@link Reply.Kind#RAW} one
     * verbatim with OpenAI's headers; false for text and tool calls, which each API writes its own way.
     */
    static boolean sendVerbatim(ServerResponse res, Reply reply) {
        switch (reply.kind()) {
            case ERROR -> json(res, reply.status(), OpenAiWire.bytes(OpenAiWire.error(reply.message(),
                    reply.errorType(), reply.errorParam(), reply.errorCode())), reply.headers());
            case RAW -> {
                start(res, reply.status(), HeaderValues.create(HeaderNames.CONTENT_TYPE, reply.rawContentType()),
                        reply.headers());
                res.send(reply.rawBody().getBytes(StandardCharsets.UTF_8));
            }
            case TEXT, TOOL_CALLS -> {
                return false;
            }
        }
        return true;
    }
}
