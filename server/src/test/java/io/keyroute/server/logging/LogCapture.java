package io.keyroute.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.MDC;

/**
 * Runs logging code against the server's logging set-up ({@link ServerLogConfigurator}) or a
 * Logback configuration file, exactly as Logback would load them, and returns what reached stdout:
 * the console appender writes to whatever System.out is at the time of each call.
 */
final class LogCapture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogCapture() {
    }

    /** Configures {@code context} as the server does, with {@code properties} as context variables. */
    static void configureAsServer(LoggerContext context, Map<String, String> properties) {
        context.reset();
        properties.forEach(context::putProperty);
        ServerLogConfigurator.apply(context);
        assertNoProblems(context);
    }

    /** Configures {@code context} from {@code config} with {@code properties} as context variables. */
    static void configure(LoggerContext context, URL config, Map<String, String> properties) {
        context.reset();
        properties.forEach(context::putProperty);
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (ch.qos.logback.core.joran.spi.JoranException e) {
            throw new IllegalStateException(e);
        }
        assertNoProblems(context);
    }

    /** Logback reports a misspelt element or a failing appender as a status, not an exception. */
    static void assertNoProblems(LoggerContext context) {
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("logback status").noneMatch(s -> s.getLevel() >= Status.WARN);
    }

    /** The stdout text written while {@code body} runs. */
    static String stdout(Runnable body) {
        PrintStream original = System.out;
        var bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Logs with a fresh context configured as the server's; one parsed object per line. */
    static List<JsonNode> serverJsonLines(Map<String, String> properties, Consumer<LoggerContext> body) {
        var context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one org.slf4j.MDC writes to
        try {
            configureAsServer(context, properties);
            String out = stdout(() -> body.accept(context));
            assertNoProblems(context);
            return parseLines(out);
        } finally {
            context.stop();
        }
    }

    /** Every line must be one JSON object. */
    static List<JsonNode> parseLines(String output) {
        return output.lines().map(line -> {
            try {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
                return node;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException("not JSON: " + line, e);
            }
        }).toList();
    }
}
