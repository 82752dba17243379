package io.keyroute.server.cli;

import io.keyroute.providers.http.HelidonTransport;
import org.slf4j.LoggerFactory;

/**
 * Start-up work that depends on nothing the main thread does (no config, no database), run on a
 * second thread while the main one parses the command line, reads the config and opens the
 * database: the logging system, and Helidon's client machinery with the default TLS context (the
 * JDK's trust store). On a two-core machine their ~0.2 s then overlaps the main thread's work
 * instead of following it; when the main thread gets there first, it waits for the class
 * initialization in progress, as with any class, and nothing runs twice.
 */
final class StartupWarmup {
    private StartupWarmup() {
    }

    static void begin() {
        Thread.ofPlatform().name("keyroute-warmup").daemon().start(() -> {
            LoggerFactory.getILoggerFactory();
            HelidonTransport.prepare();
        });
    }
}
