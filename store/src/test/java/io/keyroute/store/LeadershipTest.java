package io.keyroute.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Leader election on PostgreSQL's advisory locks, with real replicas' connections; SQLite always leads. */
class LeadershipTest {
    private static final Duration EVERY = Duration.ofMillis(100);
    private static final Duration WITHIN = Duration.ofSeconds(10);
    /** The work led, named apart from any other run's on the same PostgreSQL server. */
    private final String work = "test-" + System.nanoTime();

    private Database database;
    private Leadership first;
    private Leadership second;

    @AfterEach
    void close() {
        for (AutoCloseable open : new AutoCloseable[] {first, second, database}) {
            try {
                if (open != null) {
                    open.close();
                }
            } catch (Exception ignored) {
                // closing what a failed test left
            }
        }
    }

    @Test
    void sqliteServesOneProcessWhichAlwaysLeads() {
        database = Database.open(TestServices.sqlite().url());

        first = Leadership.of(database, work, EVERY);

        assertThat(first.leads()).isTrue();
    }

    @Test
    void ofTwoReplicasExactlyOneLeads() {
        database = Database.open(postgres());
        first = Leadership.of(database, work, EVERY);
        second = Leadership.of(database, work, EVERY);

        until(() -> first.leads() || second.leads());
        for (int check = 0; check < 10; check++) { // over several of their checks, never both
            assertThat(List.of(first.leads(), second.leads())).containsExactlyInAnyOrder(true, false);
            sleep(EVERY.dividedBy(2));
        }
    }

    @Test
    void workOfAnotherNameIsLedApart() {
        database = Database.open(postgres());
        first = Leadership.of(database, "purge", EVERY);
        second = Leadership.of(database, "alerts", EVERY);

        until(() -> first.leads() && second.leads());
    }

    @Test
    void aLeaderThatStopsHandsOverToTheOther() {
        database = Database.open(postgres());
        first = Leadership.of(database, work, EVERY);
        until(first::leads);
        second = Leadership.of(database, work, EVERY);

        first.close();

        assertThat(first.leads()).isFalse();
        until(second::leads);
    }

    /**
     * As when a replica is killed or cut off: PostgreSQL ends its session, and the lock with it. The
     * lead is taken again, on a new session, by exactly one of the two (the one cut off may take it
     * back once it reconnects, as a replica that comes back may).
     */
    @Test
    void whenTheLeadersSessionEndsTheLeadIsTakenAgainByExactlyOne() throws SQLException {
        String url = postgres();
        database = Database.open(url);
        first = Leadership.of(database, work, EVERY);
        until(first::leads);
        second = Leadership.of(database, work, EVERY);
        int ended = leadersSession(url);

        terminate(url, ended);

        until(() -> { // a new session holds the lock, and one of the two knows it leads
            int holder = leadersSession(url);
            return holder != -1 && holder != ended && first.leads() != second.leads();
        });
    }

    /** The backend pid of the session holding the lead of this test's work, or -1. */
    private int leadersSession(String url) {
        try (var connection = DriverManager.getConnection(url);
             var statement = connection.prepareStatement("SELECT a.pid FROM pg_stat_activity a "
                     + "JOIN pg_locks l ON l.pid = a.pid WHERE l.locktype = 'advisory' AND l.granted "
                     + "AND a.application_name = ?")) {
            statement.setString(1, Leadership.applicationName(work));
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void terminate(String url, int pid) throws SQLException {
        try (var connection = DriverManager.getConnection(url);
             var statement = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
            statement.setInt(1, pid);
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next() && rows.getBoolean(1)).as("session %d ended", pid).isTrue();
            }
        }
    }

    private static String postgres() {
        Optional<String> url = TestServices.databases().stream().filter(db -> db.name().equals("postgresql"))
                .map(TestDatabase::url).findFirst();
        assumeTrue(url.isPresent(), "PostgreSQL not configured (KEYROUTE_TEST_POSTGRES_URL)");
        return url.get();
    }

    private static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + WITHIN);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
