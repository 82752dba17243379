package io.keyroute.server.logging;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Helidon's hook for the application's logging: Helidon calls it before it logs anything, so its
 * java.util.logging output reaches Logback (JSON, scrubbed) from the first line. Without a
 * provider Helidon prints a plain-text complaint to stderr at every start.
 */
public final class HelidonLogging implements LoggingProvider {

    @Override
    public void initialization() {
        JdkLoggingBridge.install();
    }

    @Override
    public void runTime() {
        // Only called in GraalVM native images; initialization() already did the work.
    }
}
