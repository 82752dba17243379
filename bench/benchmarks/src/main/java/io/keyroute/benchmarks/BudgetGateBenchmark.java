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
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.limits.BudgetGate;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.runtime.RuntimeFactory;
import io.keyroute.store.Database;
import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.budget.Budget;
import io.keyroute.usage.budget.BudgetLimits;
import io.keyroute.usage.budget.BudgetPeriod;
import io.keyroute.usage.budget.BudgetScope;
import io.keyroute.usage.budget.BudgetStore;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.usage.budget.LedgerSpending;
import io.keyroute.usage.budget.LocalBudgetStore;
import io.keyroute.usage.budget.PostgresBudgetStore;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The budget gate's cost per request: admit (limits from the cache, the maximum cost, the
 * reservation) then settle, for a caller limited by one budget (its workspace's) or by three
 * (workspace, user, key), in each store; and for a caller with no budget at all. The redis and
 * postgresql stores need {@code KEYROUTE_TEST_REDIS_URL} / {@code KEYROUTE_TEST_POSTGRES_URL}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BudgetGateBenchmark {
    @Param({"in-process", "redis", "postgresql"})
    public String store;

    private final AtomicLong ids = new AtomicLong();
    private Database database;
    private Budgets budgets;
    private BudgetGate gate;
    private GatewayRuntime runtime;
    private RouteDecision decision;
    private ChatRequest chat;
    private final Caller unlimited = new Caller("key_free", "user_free", "ws_free", null, Set.of(), false);
    private final Caller oneBudget = new Caller("key_1", "user_1", "ws_1", null, Set.of(), false);
    private final Caller threeBudgets = new Caller("key_3", "user_3", "ws_3", null, Set.of(), false,
            new KeyLimits(null, null, Long.MAX_VALUE / 4));

    @Setup(Level.Trial)
    public void start() throws Exception {
        Clock clock = Clock.systemUTC();
        database = Database.open(store.equals("postgresql") ? freshSchema()
                : "jdbc:sqlite:" + Files.createTempDirectory("keyroute-bench").resolve("keyroute.db"));
        database.migrate();
        BudgetStore counters = switch (store) {
            case "in-process" -> new LocalBudgetStore(new LedgerSpending(database.jdbc()), clock);
            case "redis" -> new RedisBudgetStore(env("KEYROUTE_TEST_REDIS_URL"), "kr-bench:" + UUID.randomUUID() + ":",
                    new LedgerSpending(database.jdbc()), clock);
            default -> new PostgresBudgetStore(database.jdbc(), clock);
        };
        budgets = new Budgets(new BudgetLimits(database.jdbc(), clock), counters, database.cacheFreshness());
        Budget roomy = new Budget(BudgetPeriod.MONTHLY, Long.MAX_VALUE / 4);
        budgets.set(BudgetScope.WORKSPACE, "ws_1", roomy);
        budgets.set(BudgetScope.WORKSPACE, "ws_3", roomy);
        budgets.set(BudgetScope.USER, "user_3", new Budget(BudgetPeriod.DAILY, Long.MAX_VALUE / 4));
        gate = new BudgetGate(budgets, clock);
        runtime = new RuntimeFactory(clock).build(new KeyrouteConfig(null, null, null, List.of(
                new KeyrouteConfig.ProviderSettings("openai", "openai", "http://127.0.0.1:9/v1", "sk-x", null, null, Map.of())),
                null, null, null, null, null));
        chat = OpenAiChatRequestReader.read(Samples.CHAT_REQUEST);
        var shape = ChatBodyShape.of(chat.body());
        decision = runtime.routing().decide(new RoutingRequest("openai/gpt-4o-mini", shape, Access.UNRESTRICTED, "u"),
                RoutingState.NONE);
    }

    @TearDown(Level.Trial)
    public void stop() {
        budgets.close();
        database.close();
    }

    @Benchmark
    public void noBudget() {
        admitAndSettle(unlimited);
    }

    @Benchmark
    public void oneBudget() {
        admitAndSettle(oneBudget);
    }

    @Benchmark
    public void threeBudgets() {
        admitAndSettle(threeBudgets);
    }

    private void admitAndSettle(Caller caller) {
        String id = "req_" + ids.incrementAndGet();
        var admission = gate.admit(new GateRequest(id, caller, decision, runtime, Samples.CHAT_REQUEST.length,
                chat)); // as a chat is admitted: its reservation read from its body
        admission.settle(new RequestRecord(id, caller.keyId(), caller.userId(), caller.workspaceId(), null, "m", null,
                "openai", "gpt-4o-mini", 200, 1, false, new Usage(1_000, 100, 0, 0), 210L, 0, 0, "ok"));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    private static String freshSchema() throws Exception {
        String base = env("KEYROUTE_TEST_POSTGRES_URL");
        String schema = "kr_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = java.sql.DriverManager.getConnection(base); var s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
