package io.keyroute.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Only warnings and errors while a command whose stdout is its result (the bench's table) runs:
 * logs share stdout, and the gateway's start and stop lines would split the table. An operator's
 * {@code KEYROUTE_LOG_LEVEL} wins. Every level it raised comes back on close.
 */
public final class QuietLogs implements AutoCloseable {
    private final Map<Logger, Level> raised = new HashMap<>();

    private QuietLogs() {
    }

    public static QuietLogs unlessConfigured(Map<String, String> env) {
        var quiet = new QuietLogs();
        String configured = env.get("KEYROUTE_LOG_LEVEL");
        if ((configured == null || configured.isBlank()) && LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            // the root and every logger given its own level below WARN (the server's set-up keeps Helidon's "started" line)
            for (Logger logger : logback.getLoggerList()) {
                Level level = logger.getLevel();
                if (level != null && !level.isGreaterOrEqual(Level.WARN)) {
                    quiet.raised.put(logger, level);
                    logger.setLevel(Level.WARN);
                }
            }
        }
        return quiet;
    }

    @Override
    public void close() {
        raised.forEach(Logger::setLevel);
    }
}
