package io.keyroute.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;
import org.slf4j.Logger;

/**
 * The server's logging, set up in code rather than from a logback.xml: Logback's XML configurator
 * took ~0.3 s of a 3 s start-up. One JSON object per line on stdout; every string value is scrubbed
 * of secrets; a line logged inside a traced request carries its {@code trace_id} and {@code span_id}
 * ({@link TraceIdsJsonProvider}); root level from {@code KEYROUTE_LOG_LEVEL} (default INFO); libraries speak only when
 * something is wrong. An operator's own file still wins: with {@code -Dlogback.configurationFile}
 * set (or a {@code logback-test.xml} on the class path, as in tests) Logback's own configurators run.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ServerLogConfigurator extends ContextAwareBase implements Configurator {
    static final String LEVEL_VARIABLE = "KEYROUTE_LOG_LEVEL";
    /** The web server's "started" line stays; the rest of each library only at WARN and above. */
    private static final Map<String, Level> LIBRARY_LEVELS = Map.of(
            "io.helidon", Level.WARN,
            "io.helidon.webserver.LoomServer", Level.INFO,
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "io.lettuce", Level.WARN,
            "io.netty", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ServerLogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Configures {@code context} as the server logs; the level variable is read from it first, then the environment. */
    static void apply(LoggerContext context) {
        // Keeps java.util.logging levels (Helidon, see JdkLoggingBridge) in step with these, so disabled
        // JUL records are dropped before they are built.
        var propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        context.addListener(propagator);
        propagator.start();

        var appender = new ConsoleAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setName("STDOUT");
        appender.setEncoder(encoder(context));
        appender.start();

        LIBRARY_LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(levelVariable(context), Level.INFO));
        root.addAppender(appender);
    }

    private static LogstashEncoder encoder(LoggerContext context) {
        var encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setTimeZone("UTC");
        encoder.setIncludeContext(false);
        LogstashFieldNames names = encoder.getFieldNames();
        names.setTimestamp("timestamp");
        names.setVersion("[ignore]");
        names.setLevelValue("[ignore]");
        names.setLogger("logger");
        names.setThread("thread");
        // Bounded stack traces, root cause first: the line that matters is at the top.
        var throwables = new ShortenedThrowableConverter();
        throwables.setMaxDepthPerThrowable(40);
        throwables.setRootCauseFirst(true);
        encoder.setThrowableConverter(throwables);
        var masking = new MaskingJsonGeneratorDecorator();
        masking.addValueMasker(new ScrubbingValueMasker());
        masking.start();
        encoder.setJsonGeneratorDecorator(masking);
        encoder.addProvider(new TraceIdsJsonProvider());
        encoder.start();
        return encoder;
    }

    private static String levelVariable(LoggerContext context) {
        String level = context.getProperty(LEVEL_VARIABLE);
        if (level == null || level.isBlank()) {
            level = System.getProperty(LEVEL_VARIABLE);
        }
        if (level == null || level.isBlank()) {
            level = System.getenv(LEVEL_VARIABLE);
        }
        return level == null || level.isBlank() ? "INFO" : level.strip();
    }
}
