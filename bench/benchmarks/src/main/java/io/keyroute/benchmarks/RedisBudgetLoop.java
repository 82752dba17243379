package io.keyroute.benchmarks;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Usage;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.routing.Access;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.RoutingRequest;
import io.keyroute.routing.RoutingState;
import io.keyroute.routing.complexity.ChatBodyShape;
import io.keyroute.server.alerts.Alerts;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.limits.BudgetEvents;
import io.keyroute.server.limits.BudgetGate;
import io.keyroute.server.limits.GateRequest;
import io.keyroute.server.limits.HeldBudgets;
import io.keyroute.server.ops.GatewayMetrics;
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
import io.keyroute.vault.audit.AuditLog;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The budget gate per request with Redis counters, as a timed loop, wired as Boot wires it (the
 * gate's events to the metrics and to the budget alerts, which read the counters on their own
 * thread): admission (a reservation on the caller's workspace and user budgets, two counters) then
 * settle, on {@code threads} threads (1: sequentially, over 100 workspaces and users; more: all on
 * ONE workspace and user, a coding agent's parallel calls): wall time, and the whole process's CPU
 * time (the calling threads, Lettuce's event loop, the alerts thread). With {@code virtual}, the
 * callers are virtual threads, as Helidon serves requests.
 * Usage: {@code java -cp … io.keyroute.benchmarks.RedisBudgetLoop redis://127.0.0.1:6379 [requests] [threads] [virtual]}.
 */
public final class RedisBudgetLoop {
    /** As bench/governance.sh sets them: $100,000 a day, so nothing is refused and no threshold is crossed. */
    private static final Budget DAILY = new Budget(BudgetPeriod.DAILY, 100_000L * 1_000_000);

    private final AtomicLong ids = new AtomicLong();
    private final List<Caller> callers = new ArrayList<>();
    private final BudgetGate gate;
    private final GatewayRuntime runtime;
    private final RouteDecision decision;
    private final ChatRequest chat;
    private final boolean virtual;

    /** Sets a daily budget on each of {@code owners} workspaces and users (RedisBudgetBenchmark's too). */
    RedisBudgetLoop(Budgets budgets, BudgetEvents events, int owners, Clock clock, boolean virtual) {
        this.virtual = virtual;
        for (int i = 0; i < owners; i++) {
            Caller caller = new Caller("key_" + i, "user_" + i, "ws_" + i, null, Set.of(), false);
            budgets.set(BudgetScope.WORKSPACE, caller.workspaceId(), DAILY);
            budgets.set(BudgetScope.USER, caller.userId(), DAILY);
            callers.add(caller);
        }
        gate = new BudgetGate(budgets, clock, new HeldBudgets(clock, events), events);
        runtime = new RuntimeFactory(clock).build(new KeyrouteConfig(null, null, null, List.of(
                new KeyrouteConfig.ProviderSettings("openai", "openai", "http://127.0.0.1:9/v1", "sk-x", null, null,
                        Map.of())), null, null, null, null, null));
        chat = OpenAiChatRequestReader.read(Samples.CHAT_REQUEST);
        decision = runtime.routing().decide(new RoutingRequest("openai/gpt-4o-mini", ChatBodyShape.of(chat.body()),
                Access.UNRESTRICTED, "u"), RoutingState.NONE);
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        boolean virtual = args.length > 3 && args[3].equals("virtual");
        Clock clock = Clock.systemUTC();
        String prefix = "keyroute-bench:" + UUID.randomUUID() + ":"; // expires a day after its period
        try (var database = Database.open("jdbc:sqlite:"
                + Files.createTempDirectory("keyroute-bench").resolve("keyroute.db"))) {
            database.migrate();
            var store = new RedisBudgetStore(url, prefix, new LedgerSpending(database.jdbc()), clock);
            try (var budgets = new Budgets(new BudgetLimits(database.jdbc(), clock), store, database.cacheFreshness());
                 var alerts = new Alerts(database.jdbc(), new AuditLog(database.jdbc(), clock),
                         () -> KeyrouteConfig.AlertsSettings.DEFAULT, clock)) {
                BudgetEvents events = new GatewayMetrics().budgets().andThen(alerts.budgets(() -> true));
                var loop = new RedisBudgetLoop(budgets, events, threads == 1 ? 100 : 1, clock, virtual);
                loop.run(count / 4, threads); // warm-up
                alerts.awaitNotes(Duration.ofMinutes(1));
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                loop.run(count, threads);
                long wall = System.nanoTime() - start;
                alerts.awaitNotes(Duration.ofMinutes(1)); // the alerts' reads of this run are its cost too
                cpu = os.getProcessCpuTime() - cpu;
                System.out.printf("%d budget admissions + settles (2 counters) in Redis on %d %s thread(s): %.1f µs "
                        + "wall, %.1f µs process CPU per request%n", count, threads, virtual ? "virtual" : "platform",
                        wall / 1e3 / count, cpu / 1e3 / count);
            }
        }
    }

    private void run(int count, int threads) {
        var futures = new ArrayList<Future<?>>();
        try (ExecutorService pool = virtual ? Executors.newVirtualThreadPerTaskExecutor()
                : Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < count / threads; i++) {
                        admitAndSettle(callers.get(i % callers.size()));
                    }
                }));
            }
        }
        for (var future : futures) {
            try {
                future.get(); // a refusal or a Redis error fails the measurement, not hides in the pool
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One request of the {@code i}-th caller (modulo the owners): admitted, then settled. */
    void admitAndSettle(int i) {
        admitAndSettle(callers.get(i % callers.size()));
    }

    private void admitAndSettle(Caller caller) {
        String id = "req_" + ids.incrementAndGet();
        var admission = gate.admit(new GateRequest(id, caller, decision, runtime, Samples.CHAT_REQUEST.length, chat));
        admission.settle(new RequestRecord(id, caller.keyId(), caller.userId(), caller.workspaceId(), null, "m", null,
                "openai", "gpt-4o-mini", 200, 1, false, new Usage(1_000, 100, 0, 0), 210L, 0, 0, "ok"));
    }
}
