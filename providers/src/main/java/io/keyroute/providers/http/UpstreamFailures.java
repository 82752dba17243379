package io.keyroute.providers.http;

import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.sse.SseTooLarge;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** Names a failed send or read: no answer in time, no connection, a broken answer, or one too large to hold. */
public final class UpstreamFailures {
    private UpstreamFailures() {
    }

    /** A failure to connect or to get the headers. */
    public static UpstreamError ofSend(String providerId, Throwable failure, Duration idleTimeout) {
        UpstreamError known = known(providerId, failure, idleTimeout);
        return known != null ? known : UpstreamError.connect(providerId, describe(failure));
    }

    /** A failure while reading a body that had started. */
    public static UpstreamError ofRead(String providerId, Throwable failure, Duration idleTimeout) {
        UpstreamError known = known(providerId, failure, idleTimeout);
        return known != null ? known : UpstreamError.interrupted(providerId, describe(failure));
    }

    private static UpstreamError known(String providerId, Throwable failure, Duration idleTimeout) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UpstreamError e) {
                return e;
            }
            if (t instanceof SseTooLarge) { // the same upstream would send it again: not worth a retry
                return UpstreamError.protocol(providerId, t.getMessage());
            }
            if (t instanceof SocketTimeoutException) {
                return UpstreamError.timeout(providerId, idleTimeout);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return UpstreamError.connect(providerId, describe(t));
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
