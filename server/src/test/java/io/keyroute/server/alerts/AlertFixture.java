package io.keyroute.server.alerts;

import io.keyroute.server.config.KeyrouteConfig.AlertsSettings;
import io.keyroute.server.config.KeyrouteConfig.WebhookSettings;
import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.vault.audit.AuditEvent;
import io.keyroute.vault.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A migrated SQLite database with its audit log, and the alert settings tests send to a receiver with. */
final class AlertFixture implements AutoCloseable {
    static final String SECRET = "whsec_" + "0123456789abcdefABCDEF";

    final Database db = migrated();
    final AuditLog audit = new AuditLog(db.jdbc(), Clock.systemUTC());

    private static Database migrated() {
        Database db = Database.open(TestServices.sqlite().url());
        db.migrate();
        return db;
    }

    /** One webhook, {@code ops}, at {@code url}; retries 1 ms apart so tests do not wait out real backoffs. */
    static AlertsSettings toWebhook(String url, int maxAttempts, int queue, List<String> events) {
        return new AlertsSettings(null, List.of(new WebhookSettings("ops", url, events, SECRET, 2_000L)), maxAttempts,
                1L, queue);
    }

    /** The audit rows about alert deliveries once there are {@code count} (or all after ten seconds). */
    List<AuditEvent> awaitDeliveryRows(int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<AuditEvent> rows;
        while ((rows = deliveryRows()).size() < count && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return rows;
    }

    List<AuditEvent> deliveryRows() {
        return audit.between(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                .filter(e -> e.action().startsWith("alert.")).toList();
    }

    @Override
    public void close() {
        db.close();
    }
}
