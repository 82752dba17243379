package io.keyroute.server.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Helidon (and the JDK's HTTP client) log through {@code System.Logger}, which lands in
 * java.util.logging; without this bridge their lines would go to stderr as plain text,
 * bypassing both the JSON layout and the scrubbing.
 */
public final class JdkLoggingBridge {
    private JdkLoggingBridge() {
    }

    /** Routes java.util.logging into SLF4J. Call first thing in main; calling again is harmless. */
    public static synchronized void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
