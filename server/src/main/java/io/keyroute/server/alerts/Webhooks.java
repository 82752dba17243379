package io.keyroute.server.alerts;

import io.keyroute.server.config.KeyrouteConfig.AlertsSettings;
import io.keyroute.server.config.KeyrouteConfig.WebhookSettings;
import io.keyroute.vault.audit.AuditLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to the config's webhooks, off every request thread: each delivery is POSTed signed
 * ({@link WebhookSignature}), tried again on a 5xx, a timeout or a failed connection after an
 * exponential backoff with jitter, up to {@code alerts.max_attempts}, never on another status; its
 * final result goes to the audit log (actor {@code system}, action {@code alert.delivered} or
 * {@code alert.delivery_failed}, target the alert's id; the webhook by name, never its URL). At most
 * {@code alerts.queue} deliveries wait or run at once: past it a delivery is dropped and audited, so a
 * slow or dead receiver cannot grow memory. Redirects are not followed.
 */
final class Webhooks implements AutoCloseable {
    static final String SYSTEM_ACTOR = "system";
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Supplier<AlertsSettings> settings;
    private final AuditLog audit;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    /** Only wakes deliveries up; each attempt runs on a virtual thread of its own. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("keyroute-alert-webhooks").factory());
    private final AtomicInteger pending = new AtomicInteger();

    /** @param jitter a number in [0, 1) per backoff: which share of its upper half is waited */
    Webhooks(Supplier<AlertsSettings> settings, AuditLog audit, Clock clock, DoubleSupplier jitter) {
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.jitter = jitter;
    }

    /** Queues {@code alert} for every webhook whose filter takes it. */
    void send(Alert alert) {
        AlertsSettings now = settings.get();
        String body = alert.json().toString();
        for (WebhookSettings hook : now.webhooks()) {
            if (!hook.wants(alert.type().wire())) {
                continue;
            }
            if (pending.incrementAndGet() > now.queue()) {
                pending.decrementAndGet();
                finish(new WebhookDelivery(alert, hook, body, 0), false,
                        "not sent: " + now.queue() + " deliveries already waiting (alerts.queue)");
                continue;
            }
            schedule(new WebhookDelivery(alert, hook, body, 1), Duration.ZERO);
        }
    }

    /** Deliveries waiting or running now. */
    int pending() {
        return pending.get();
    }

    private void schedule(WebhookDelivery delivery, Duration delay) {
        try {
            timer.schedule(() -> Thread.ofVirtual().name("keyroute-alert-webhook").start(() -> attempt(delivery)),
                    delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) { // closing
            pending.decrementAndGet();
            LOG.warn("alert {} not sent to webhook {}: the gateway is stopping", delivery.alert().id(),
                    delivery.hook().name());
        }
    }

    private void attempt(WebhookDelivery delivery) {
        String outcome;
        boolean retryable;
        try {
            int status = post(delivery);
            if (status >= 200 && status < 300) {
                pending.decrementAndGet();
                finish(delivery, true, "HTTP " + status);
                return;
            }
            outcome = "HTTP " + status;
            retryable = status >= 500;
        } catch (IOException e) { // a timeout, a refused or reset connection
            outcome = e instanceof HttpTimeoutException ? "timed out" : "connection failed ("
                    + e.getClass().getSimpleName() + ")";
            retryable = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
            retryable = false;
        } catch (RuntimeException e) { // a URL the client will not take: trying again changes nothing
            outcome = "not sent (" + e.getClass().getSimpleName() + ")";
            retryable = false;
        }
        if (retryable && delivery.attempt() < settings.get().maxAttempts()) {
            schedule(delivery.next(), backoff(delivery.attempt()));
            return;
        }
        pending.decrementAndGet();
        finish(delivery, false, outcome);
    }

    private int post(WebhookDelivery delivery) throws IOException, InterruptedException {
        WebhookSettings hook = delivery.hook();
        long t = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url()))
                .timeout(Duration.ofMillis(hook.timeoutMs()))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Keyroute-Alerts")
                .header("X-Keyroute-Event", delivery.alert().type().wire())
                .header("X-Keyroute-Delivery", delivery.alert().id())
                .header(WebhookSignature.HEADER, WebhookSignature.header(hook.secret(), t, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The pause after attempt {@code n}: backoff_ms × 2^(n-1), at most a minute, between half and all of it. */
    Duration backoff(int attempt) {
        long base = settings.get().backoffMs();
        long full = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(attempt - 1, 20));
        return Duration.ofMillis(full / 2 + (long) (jitter.getAsDouble() * (full - full / 2)));
    }

    private void finish(WebhookDelivery delivery, boolean delivered, String outcome) {
        Alert alert = delivery.alert();
        String detail = "webhook " + delivery.hook().name() + ": " + outcome
                + (delivery.attempt() > 0 ? " after " + delivery.attempt() + (delivery.attempt() == 1 ? " attempt" : " attempts") : "");
        if (!delivered) {
            LOG.warn("alert {} ({}) not delivered: {}", alert.id(), alert.type().wire(), detail);
        }
        try {
            audit.record(SYSTEM_ACTOR, delivered ? "alert.delivered" : "alert.delivery_failed", alert.id(),
                    alert.workspaceId(), detail);
        } catch (RuntimeException e) {
            LOG.error("the audit row of alert {}'s delivery could not be stored ({}): {}", alert.id(), detail, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
