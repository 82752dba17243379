package io.keyroute.benchmarks;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.routing.Access;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.RoutingRequest;
import io.keyroute.routing.RoutingState;
import io.keyroute.routing.complexity.ChatBodyShape;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.limits.BudgetEvents;
import io.keyroute.server.limits.BudgetGate;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.server.limits.HeldBudgets;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.runtime.RuntimeFactory;
import io.keyroute.store.Database;
import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.budget.Budget;
import io.keyroute.usage.budget.BudgetLimits;
import io.keyroute.usage.budget.BudgetPeriod;
import io.keyroute.usage.budget.BudgetScope;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.usage.budget.LedgerSpending;
import io.keyroute.usage.budget.RedisBudgetStore;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Redis budgets per request as the governance run has them (issue 28): the budget gate's admit
 * (a reservation on the caller's workspace and user budgets, two counters, one EVALSHA) then its
 * settle, against {@code KEYROUTE_TEST_REDIS_URL}, on 1 thread and on 16 (all on one workspace and
 * user, a coding agent's parallel calls). Run with {@code -prof gc} for B/op (every thread's
 * allocation, Lettuce's event loop included).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RedisBudgetBenchmark {
    /** Nothing is refused and no threshold crossed, as bench/governance.sh sets them. */
    private static final Budget DAILY = new Budget(BudgetPeriod.DAILY, 100_000L * 1_000_000);

    private final AtomicLong ids = new AtomicLong();
    private final Caller caller = new Caller("key_1", "user_1", "ws_1", null, Set.of(), false);
    private Database database;
    private Budgets budgets;
    private HeldBudgets held;
    private BudgetGate gate;
    private GatewayRuntime runtime;
    private RouteDecision decision;
    private ChatRequest chat;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Clock clock = Clock.systemUTC();
        database = Database.open("jdbc:sqlite:" + Files.createTempDirectory("keyroute-bench").resolve("keyroute.db"));
        database.migrate();
        String url = System.getenv().getOrDefault("KEYROUTE_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        var store = new RedisBudgetStore(url, "kr-bench:" + UUID.randomUUID() + ":",
                new LedgerSpending(database.jdbc()), clock);
        budgets = new Budgets(new BudgetLimits(database.jdbc(), clock), store, database.cacheFreshness());
        budgets.set(BudgetScope.WORKSPACE, caller.workspaceId(), DAILY);
        budgets.set(BudgetScope.USER, caller.userId(), DAILY);
        held = new HeldBudgets(clock, BudgetEvents.NONE);
        gate = new BudgetGate(budgets, clock, held, BudgetEvents.NONE);
        runtime = new RuntimeFactory(clock).build(new KeyrouteConfig(null, null, null, List.of(
                new KeyrouteConfig.ProviderSettings("openai", "openai", "http://127.0.0.1:9/v1", "sk-x", null, null,
                        Map.of())), null, null, null, null, null));
        chat = OpenAiChatRequestReader.read(Samples.CHAT_REQUEST);
        decision = runtime.routing().decide(new RoutingRequest("openai/gpt-4o-mini", ChatBodyShape.of(chat.body()),
                Access.UNRESTRICTED, "u"), RoutingState.NONE);
    }

    @TearDown(Level.Trial)
    public void stop() {
        held.close(); // the settles still in flight land before the connection closes
        budgets.close();
        database.close();
    }

    @Benchmark
    @Threads(1)
    public void reserveSettle1() {
        admitAndSettle();
    }

    @Benchmark
    @Threads(16)
    public void reserveSettle16() {
        admitAndSettle();
    }

    private void admitAndSettle() {
        String id = "req_" + ids.incrementAndGet();
        var admission = gate.admit(new GateRequest(id, caller, decision, runtime, Samples.CHAT_REQUEST.length, chat));
        admission.settle(new RequestRecord(id, caller.keyId(), caller.userId(), caller.workspaceId(), null, "m", null,
                "openai", "gpt-4o-mini", 200, 1, false, new Usage(1_000, 100, 0, 0), 210L, 0, 0, "ok"));
    }
}
