package io.keyroute.benchmarks;

import io.keyroute.server.limits.BudgetEvents;
import io.keyroute.store.Database;
import io.keyroute.usage.budget.BudgetLimits;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.usage.budget.LedgerSpending;
import io.keyroute.usage.budget.RedisBudgetStore;
import java.nio.file.Files;
import java.time.Clock;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Redis budgets per request as the governance run has them (issue 28): {@link RedisBudgetLoop}'s
 * request (the budget gate's admit, a reservation on one workspace's and one user's daily budget,
 * then its settle) against {@code KEYROUTE_TEST_REDIS_URL}, on 1 thread and on 16 (all on that one
 * workspace and user, a coding agent's parallel calls). Run with {@code -prof gc} for B/op (every
 * thread's allocation, Lettuce's event loop included).
 */
public class RedisBudgetBenchmark extends MicrosecondBenchmark {
    private Database database;
    private Budgets budgets;
    private RedisBudgetLoop loop;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Clock clock = Clock.systemUTC();
        database = Database.open("jdbc:sqlite:" + Files.createTempDirectory("keyroute-bench").resolve("keyroute.db"));
        database.migrate();
        String url = System.getenv().getOrDefault("KEYROUTE_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        var store = new RedisBudgetStore(url, "kr-bench:" + UUID.randomUUID() + ":",
                new LedgerSpending(database.jdbc()), clock);
        budgets = new Budgets(new BudgetLimits(database.jdbc(), clock), store, database.cacheFreshness());
        loop = new RedisBudgetLoop(budgets, BudgetEvents.NONE, 1, clock, false);
    }

    @TearDown(Level.Trial)
    public void stop() {
        budgets.close(); // the settles still unanswered land before the connection closes
        database.close();
    }

    @Benchmark
    @Threads(1)
    public void reserveSettle1() {
        loop.admitAndSettle(0);
    }

    @Benchmark
    @Threads(16)
    public void reserveSettle16() {
        loop.admitAndSettle(0);
    }
}
