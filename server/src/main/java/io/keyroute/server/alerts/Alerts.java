package io.keyroute.server.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.routing.health.CircuitEvents;
import io.keyroute.server.config.KeyrouteConfig.AlertsSettings;
import io.keyroute.server.limits.BudgetEvents;
import io.keyroute.store.Jdbc;
import io.keyroute.vault.audit.AuditLog;
import io.keyroute.vault.common.Ids;
import io.keyroute.vault.credentials.StoredCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's alerts: budget thresholds crossed, a provider's circuit opening and closing, a
 * credential failing validation. Whoever notices one (a request settling its budgets, a breaker, the
 * credentials API) only submits a note to a bounded queue; one thread, {@code keyroute-alerts}, looks
 * at it, stores each alert once ({@link AlertLog}: its dedupe key is the crossing) and hands it to the
 * {@link Webhooks}. A full queue drops the note (a warning): the next request on that budget brings
 * it back, and the request path never waits.
 */
public final class Alerts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    /** Notes waiting for the alerts thread; each is small, and a budget's only when it reaches a threshold not raised yet. */
    static final int NOTES = 10_000;
    private static final int DROPS_PER_WARNING = 1_000;
    /** How often alerts older than {@code alerts.retention_days} are deleted. */
    static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final AlertLog log;
    private final Webhooks webhooks;
    private final Supplier<AlertsSettings> settings;
    private final Clock clock;
    private final BlockingQueue<Runnable> notes = new ArrayBlockingQueue<>(NOTES);
    private final Thread worker;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param settings the current config's {@code alerts:} (read at each alert, so a reload applies)
     */
    public Alerts(Jdbc jdbc, AuditLog audit, Supplier<AlertsSettings> settings, Clock clock) {
        this.log = new AlertLog(jdbc);
        this.settings = settings;
        this.clock = clock;
        this.webhooks = new Webhooks(settings, audit, clock, () -> ThreadLocalRandom.current().nextDouble());
        this.worker = Thread.ofPlatform().daemon().name("keyroute-alerts").start(this::work);
    }

    /** The table the alerts API reads. */
    public AlertLog log() {
        return log;
    }

    /** Circuit openings and closings of the providers, raised as alerts. */
    public CircuitEvents circuits() {
        return new CircuitAlerts(this);
    }

    /**
     * Budget counters watched for {@code alerts.budget_thresholds}: their spending as a request's
     * settle left it, compared on the request's thread; a crossing is raised on the alerts thread.
     *
     * @param evaluates whether this process looks at budgets at all: with several replicas, the
     *                  elected leader (issue 27); {@code () -> true} for one. The store is shared and
     *                  the dedupe key is the crossing, so two replicas looking raise one alert
     */
    public BudgetEvents budgets(BooleanSupplier evaluates) {
        return new BudgetAlerts(this, evaluates);
    }

    /**
     * A credential's validation failed ({@code credential.lastError()}): one alert per credential
     * version and last success, so validating a bad key again raises nothing new.
     */
    public void credentialFailed(StoredCredential credential, String workspaceId) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("credential_id", credential.id())
                .put("provider", credential.provider()).put("name", credential.name())
                .put("owner", credential.owner().type().name().toLowerCase(Locale.ROOT) + ":"
                        + credential.owner().id())
                .put("version", credential.version()).put("error", credential.lastError());
        String key = "credential.validation_failed/" + credential.id() + "/" + credential.version() + "/"
                + (credential.validatedAt() == null ? "never" : credential.validatedAt().toString());
        submit(() -> raise(key, AlertType.CREDENTIAL_VALIDATION_FAILED, workspaceId, "Credential " + credential.id()
                + " (" + credential.provider() + ") failed validation: " + credential.lastError() + ".", data));
    }

    AlertsSettings settings() {
        return settings.get();
    }

    /** Hands {@code note} to the alerts thread; never blocks. False when the queue is full (or closed). */
    boolean submit(Runnable note) {
        if (closed || !notes.offer(note)) {
            long count = dropped.incrementAndGet();
            if (count % DROPS_PER_WARNING == 1) { // a flood of notes is one line per thousand, not one each
                LOG.warn("{} alert notes dropped so far: {} were waiting", count, notes.size());
            }
            return false;
        }
        return true;
    }

    /** On the alerts thread: stores the alert unless {@code dedupeKey} was raised already, and sends it. */
    void raise(String dedupeKey, AlertType type, String workspaceId, String summary, ObjectNode data) {
        Alert alert = new Alert(Ids.next("alr"), type, clock.instant(), workspaceId, summary, data);
        if (log.add(dedupeKey, alert)) {
            LOG.info("alert {}: {}", type.wire(), summary);
            webhooks.send(alert);
        }
    }

    /**
     * Waits until every note submitted before this call has been looked at (its alert stored and its
     * deliveries queued); false when {@code timeout} passed first.
     */
    public boolean awaitNotes(Duration timeout) throws InterruptedException {
        var done = new CountDownLatch(1);
        return submit(done::countDown) && done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void work() {
        Instant nextPurge = clock.instant();
        while (!closed) {
            try {
                Runnable note = notes.poll(PURGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (note != null) {
                    note.run();
                }
                if (!clock.instant().isBefore(nextPurge)) {
                    nextPurge = clock.instant().plus(PURGE_EVERY);
                    purge();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // a database hiccup loses one note, not the thread
                LOG.error("alerts thread: {}", e.toString());
            }
        }
    }

    /** Deletes the alerts older than {@code alerts.retention_days}: the table stays bounded. */
    void purge() {
        int purged = log.purgeBefore(clock.instant().minus(Duration.ofDays(settings.get().retentionDays())));
        if (purged > 0) {
            LOG.info("{} alerts older than {} days deleted", purged, settings.get().retentionDays());
        }
    }

    /** Stops looking at notes (those waiting are dropped) and sending (deliveries not yet made are dropped). */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        webhooks.close();
    }
}
