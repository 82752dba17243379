package io.keyroute.server.boot;

import io.keyroute.api.Secrets;

/**
 * A resource that could not be opened. The message is the operator's: which resource (when the
 * cause does not say) and why, with known secrets scrubbed.
 */
public final class StartupFailure extends RuntimeException {
    StartupFailure(String resource, RuntimeException cause) {
        super((resource == null ? "" : resource + ": ") + Secrets.scrub(String.valueOf(cause.getMessage())), cause);
    }
}
