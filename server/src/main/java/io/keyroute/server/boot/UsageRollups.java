package io.keyroute.server.boot;

import io.keyroute.usage.UsageRollup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes finished usage hours and days into hourly and daily roll-ups (and rolls up again an hour a late ledger
 * row changed), then purges raw ledger rows past {@code usage.retention_days},
 * on a daemon thread of its own, every interval until closed, on the replica that leads background work
 * ({@link io.keyroute.store.Leadership}). The first pass runs soon after start, so days missed while no replica
 * ran are caught up.
 */
final class UsageRollups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageRollups.class);
    private static final Duration FIRST_PASS = Duration.ofMinutes(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("keyroute-usage-rollups").factory());

    /**
     * @param retentionDays read at each pass (a reload applies); empty: raw rows are kept
     * @param leads         whether this replica leads background work, asked before each pass
     */
    UsageRollups(UsageRollup rollup, Supplier<OptionalInt> retentionDays, Clock clock, Duration interval,
                 BooleanSupplier leads) {
        timer.scheduleWithFixedDelay(() -> {
            if (leads.getAsBoolean()) {
                pass(rollup, retentionDays.get(), clock);
            }
        }, FIRST_PASS.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass: hours, then days, then the purge; never throws (a timer task that throws is never run again). */
    static void pass(UsageRollup rollup, OptionalInt retentionDays, Clock clock) {
        try {
            List<Instant> hours = rollup.closeHours(clock.instant());
            if (!hours.isEmpty()) {
                LOG.info("usage rolled up for {} hour(s), {} to {}", hours.size(), hours.getFirst(), hours.getLast());
            }
            List<LocalDate> closed = rollup.closeDays(clock.instant());
            if (!closed.isEmpty()) {
                LOG.info("usage rolled up for {} day(s), {} to {}", closed.size(), closed.getFirst(), closed.getLast());
            }
            if (retentionDays.isPresent()) {
                long purged = rollup.purge(clock.instant(), retentionDays.getAsInt());
                if (purged > 0) {
                    LOG.info("purged {} usage rows older than {} days (their daily roll-ups are kept)", purged,
                            retentionDays.getAsInt());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("usage roll-up failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
