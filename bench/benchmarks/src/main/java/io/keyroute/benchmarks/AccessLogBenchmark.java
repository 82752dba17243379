package io.keyroute.benchmarks;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.OutputStreamAppender;
import io.keyroute.api.Usage;
import io.keyroute.server.accounting.AccessLog;
import io.keyroute.usage.RequestRecord;
import java.io.OutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access-log line at the default level (INFO), written the way {@code serve} writes it: the
 * server's own Logback set-up (JSON encoder, secret masking), only its console stream swapped for
 * a null stream so the figure is the line's making, not the terminal's.
 */
public class AccessLogBenchmark extends MicrosecondBenchmark {
    private final AccessLog accessLog = new AccessLog();
    private final RequestRecord record = new RequestRecord("req_0Rk4Zb2xQ1aB3cD4eF5gH6iJ",
            "key_3f1c0e8a9b7d4c2e8f6a5b4c3d2e1f0a", "usr_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
            "ws_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d", "system:openai", "openai/gpt-4o-mini", null, "openai",
            "gpt-4o-mini", 200, 1, false, new Usage(1_234, 56, 0, 0), 215L, 1_843, 0, "ok");

    @Setup
    public void toNullStream() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var console = (OutputStreamAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        if (console == null || !root.isInfoEnabled()) {
            throw new IllegalStateException("expected the server's logging set-up at INFO (unset KEYROUTE_LOG_LEVEL)");
        }
        console.setOutputStream(OutputStream.nullOutputStream());
    }

    @Benchmark
    public void writeOneLine() {
        accessLog.record(record);
    }
}
