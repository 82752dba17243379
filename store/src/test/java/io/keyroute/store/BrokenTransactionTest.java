package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.sql.DriverManager;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A transaction whose connection breaks under it (PostgreSQL restarted, the network cut: found by
 * bench/cluster.sh, where the ledger dropped two answered requests as "refused" during a 3 s cut)
 * fails as the transient failure it is, not as the rollback's "Connection is closed", so the usage
 * ledger retries the batch instead of dropping it.
 */
class BrokenTransactionTest {

    @Test
    void aConnectionThatBreaksMidTransactionIsATransientFailure() throws Exception {
        String url = TestServices.databases().stream().filter(db -> db.name().equals("postgresql"))
                .map(TestDatabase::url).findFirst().orElse(null);
        assumeTrue(url != null, "PostgreSQL not configured (KEYROUTE_TEST_POSTGRES_URL)");
        try (Database db = Database.open(url)) {
            db.migrate();
            String now = Times.format(Instant.parse("2026-12-07T15:00:00Z"));
            StoreException failure = catchThrowableOfType(StoreException.class, () -> db.jdbc().inTransaction(tx -> {
                tx.update("INSERT INTO workspaces (id, name, plan, created_at) VALUES (?, ?, ?, ?)", "w1", "acme", "pro", now);
                int pid = tx.queryOne("SELECT pg_backend_pid()", rs -> rs.getInt(1)).orElseThrow();
                terminate(url, pid);
                return tx.update("INSERT INTO workspaces (id, name, plan, created_at) VALUES (?, ?, ?, ?)", "w2", "other", "pro", now);
            }));

            assertThat(failure).isNotNull();
            assertThat(failure.isTransient()).as("%s", failure).isTrue();
            assertThat(db.jdbc().query("SELECT id FROM workspaces", rs -> rs.getString(1))).isEmpty();
        }
    }

    private static void terminate(String url, int pid) {
        try (var connection = DriverManager.getConnection(url);
             var statement = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
            statement.setInt(1, pid);
            statement.executeQuery().close();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
