package io.keyroute.server.accounting;

import io.keyroute.usage.RequestRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One JSON log line per request, with its fields as separate JSON keys ({@link AccessLine}). */
public final class AccessLog implements UsageSink {
    private final Logger log;

    public AccessLog() {
        this(LoggerFactory.getLogger("keyroute.access"));
    }

    /** Writes to {@code log}: tests give a logger of their own logging set-up. */
    public AccessLog(Logger log) {
        this.log = log;
    }

    @Override
    public void record(RequestRecord r) {
        if (!log.isInfoEnabled()) {
            return;
        }
        log.info("{}", new AccessLine(r));
    }
}
