package io.keyroute.server.boot;

import io.keyroute.vault.responses.PassedThroughResponses;
import io.keyroute.vault.responses.StoredResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Deletes expired stored responses, and expired records of the responses OpenAI keeps, on a daemon
 * thread of its own, every interval until closed, on the replica that leads background work
 * ({@link io.keyroute.store.Leadership}). Expired ones are never found before that: the purge only
 * frees their rows.
 */
final class ResponsePurge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResponsePurge.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keyroute-response-purge");
        t.setDaemon(true);
        return t;
    });

    /** @param leads whether this replica leads background work, asked before each pass */
    ResponsePurge(StoredResponses responses, PassedThroughResponses passedThrough, Clock clock, Duration interval,
                  BooleanSupplier leads) {
        timer.scheduleWithFixedDelay(() -> {
            if (leads.getAsBoolean()) {
                purge(responses, passedThrough, clock);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass over both tables; never throws (a timer task that throws is never run again). */
    static void purge(StoredResponses responses, PassedThroughResponses passedThrough, Clock clock) {
        try {
            int purged = responses.purgeExpired(clock.instant());
            int records = passedThrough.purgeExpired(clock.instant());
            if (purged + records > 0) {
                LOG.info("purged {} expired stored responses and {} expired records of responses kept upstream",
                        purged, records);
            }
        } catch (RuntimeException e) {
            LOG.error("stored responses purge failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
