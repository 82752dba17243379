package io.keyroute.server.http.exchange;

import io.helidon.http.HttpException;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.Secrets;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception no handler expected (a bug, an illegal character in a URL): a 500 {@code internal_error}
 * in the endpoint's shape that says nothing of the exception, and an error log line with the request
 * id and the exception, its text scrubbed. Inference handlers catch their own (they still account the
 * request) and log through {@link #log}; this is the routing's last resort for every other endpoint.
 */
public final class UnexpectedErrors implements ErrorHandler<RuntimeException> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrors.class);
    /** Causes logged below the exception itself; a cycle or a long chain stops here. */
    private static final int MAX_CAUSES = 8;

    @Override
    public void handle(ServerRequest req, ServerResponse res, RuntimeException e) {
        if (e instanceof HttpException) {
            return; // Helidon's own verdict (no such route: 404): left unsent, Helidon answers it as without us
        }
        String requestId = res.headers().first(KeyrouteHeaders.REQUEST_ID).orElseGet(RequestIds::next);
        log(requestId, e);
        res.header(KeyrouteHeaders.REQUEST_ID, requestId);
        ClientError error = ClientError.internal(requestId);
        String path = req.path().path();
        if (path.startsWith("/v1/messages")) {
            ErrorResponses.send(res, WireFormat.ANTHROPIC_MESSAGES, error);
        } else if (path.startsWith("/v1/")) {
            ErrorResponses.send(res, WireFormat.OPENAI_CHAT, error);
        } else {
            ErrorResponses.sendManagement(res, error);
        }
    }

    public static void log(String requestId, Throwable e) {
        LOG.error("request {} failed unexpectedly", requestId, scrubbed(e, MAX_CAUSES));
    }

    /**
     * A copy with the same stack and causes whose messages are scrubbed (exception text can quote a
     * URL or a header with a key in it), each naming the original's class.
     */
    static Throwable scrubbed(Throwable e, int causes) {
        Throwable cause = e.getCause() != null && e.getCause() != e && causes > 0
                ? scrubbed(e.getCause(), causes - 1) : null;
        var copy = new ScrubbedException(e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + Secrets.scrub(e.getMessage())), cause);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** What the log shows in place of an exception whose text may hold a secret. */
    static final class ScrubbedException extends RuntimeException {
        ScrubbedException(String message, Throwable cause) {
            super(message, cause, false, true);
        }
    }
}
