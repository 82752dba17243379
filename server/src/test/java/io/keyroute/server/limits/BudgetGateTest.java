package io.keyroute.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyroute.api.Usage;
import io.keyroute.api.error.LimitExceeded;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.routing.Access;
import io.keyroute.routing.RouteDecision;
import io.keyroute.routing.RoutingRequest;
import io.keyroute.routing.RoutingState;
import io.keyroute.routing.complexity.ChatBodyShape;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.PlanSettings;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.server.runtime.RuntimeFactory;
import io.keyroute.store.Database;
import io.keyroute.testkit.MutableClock;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.usage.RequestRecord;
import io.keyroute.usage.budget.Budget;
import io.keyroute.usage.budget.BudgetCounter;
import io.keyroute.usage.budget.BudgetLimits;
import io.keyroute.usage.budget.BudgetPeriod;
import io.keyroute.usage.budget.BudgetScope;
import io.keyroute.usage.budget.BudgetStore;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.usage.budget.CounterLimit;
import io.keyroute.usage.budget.CounterState;
import io.keyroute.usage.budget.LedgerSpending;
import io.keyroute.usage.budget.LocalBudgetStore;
import io.keyroute.usage.budget.Reservation;
import io.keyroute.usage.budget.ReserveOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the gate reserves, charges and answers, over the in-process store and a real SQLite file. */
class BudgetGateTest {
    private static final Instant NOW = Instant.parse("2026-11-30T23:00:00Z"); // the month ends in an hour
    private static final byte[] BODY = ("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").getBytes(StandardCharsets.UTF_8);
    /** gpt-4o-mini: (body bytes + 1,000) × $0.15 + 100 × $0.60 per million, rounded up. */
    private static final long MAX = ((BODY.length + 1_000L) * 15 + 100 * 60 + 99) / 100;

    private final MutableClock clock = new MutableClock(NOW);
    private final Database db = migrated();
    private final FlakyStore store = new FlakyStore(new LocalBudgetStore(new LedgerSpending(db.jdbc()), clock));
    private final Budgets budgets = new Budgets(new BudgetLimits(db.jdbc(), clock), store, db.cacheFreshness());
    private final List<Long> excesses = new ArrayList<>();
    private final AtomicInteger settleFailures = new AtomicInteger();
    private final List<List<CounterState>> charges = new CopyOnWriteArrayList<>();
    private final BudgetEvents events = new BudgetEvents() {
        @Override
        public void settledAboveReservation(long excessMicros) {
            excesses.add(excessMicros);
        }

        @Override
        public void settleFailed() {
            settleFailures.incrementAndGet();
        }

        @Override
        public void charged(String workspaceId, List<CounterLimit> lines, List<CounterState> after) {
            charges.add(after);
        }
    };
    private final HeldBudgets held = new HeldBudgets(clock, events);
    private final BudgetGate gate = new BudgetGate(budgets, clock, held, events);

    /**
     * The in-process store, which can be taken down and brought back (settles fail meanwhile), and
     * can answer settles later, when the test says, in any order (as Redis answers on its own thread).
     */
    private static final class FlakyStore implements BudgetStore {
        private final BudgetStore store;
        private volatile boolean down;
        private volatile boolean answersLater;
        private final Deque<Runnable> unanswered = new ConcurrentLinkedDeque<>();

        FlakyStore(BudgetStore store) {
            this.store = store;
        }

        @Override
        public ReserveOutcome reserve(Reservation reservation) {
            return store.reserve(reservation);
        }

        @Override
        public List<CounterState> settle(Reservation reservation, long actualMicros) {
            if (down) {
                throw new IllegalStateException("budget store unreachable");
            }
            return store.settle(reservation, actualMicros);
        }

        @Override
        public CompletionStage<List<CounterState>> settleAsync(Reservation reservation, long actualMicros) {
            if (!answersLater) {
                return BudgetStore.super.settleAsync(reservation, actualMicros);
            }
            var answer = new CompletableFuture<List<CounterState>>();
            unanswered.add(() -> answer.complete(settle(reservation, actualMicros)));
            return answer;
        }

        /** Charges and answers the settles sent so far, the last sent first. */
        void answerLastFirst() {
            for (Runnable next; (next = unanswered.pollLast()) != null; ) {
                next.run();
            }
        }

        @Override
        public void renew(Reservation reservation) {
            store.renew(reservation);
        }

        @Override
        public void recompute(BudgetCounter counter) {
            store.recompute(counter);
        }

        @Override
        public CounterState state(BudgetCounter counter) {
            return store.state(counter);
        }
    }
    private final GatewayRuntime runtime = new RuntimeFactory(clock).build(new KeyrouteConfig(null, null, null,
            List.of(new ProviderSettings("openai", "openai", "http://127.0.0.1:9/v1", "sk-x", null, null, Map.of())),
            null, null, null, Map.of("trial", new PlanSettings(null, true, 0.000001)), null));
    private final RouteDecision decision = runtime.routing().decide(new RoutingRequest("openai/gpt-4o-mini",
            ChatBodyShape.of(OpenAiChatRequestReader.read(BODY).body()), Access.UNRESTRICTED, "u"), RoutingState.NONE);
    private final Caller ada = new Caller("key_ada", "user_ada", "ws_acme", "pro", Set.of(), false);
    private final BudgetCounter acme = BudgetCounter.of(BudgetScope.WORKSPACE, "ws_acme", BudgetPeriod.MONTHLY, NOW);
    private int ids;

    private static Database migrated() {
        Database db = Database.open(TestServices.sqlite().url());
        db.migrate();
        return db;
    }

    @AfterEach
    void close() {
        budgets.close();
        db.close();
    }

    private Admission admit(Caller caller) {
        return gate.admit(new GateRequest("req_" + ids++, caller, decision, runtime, BODY.length));
    }

    private LimitExceeded refused(Caller caller) {
        return catchThrowableOfType(LimitExceeded.class, () -> admit(caller));
    }

    private static RequestRecord costing(Long micros) {
        return new RequestRecord("r", "key_ada", "user_ada", "ws_acme", null, "m", null, "openai", "gpt-4o-mini", 200,
                1, false, new Usage(1_000, 100, 0, 0), micros, 0, 0, "ok");
    }

    @Test
    void aCallerWithoutBudgetsHoldsNothing() {
        assertThat(admit(ada)).isSameAs(Admission.NONE);
    }

    @Test
    void retryAfterIsGivenOnlyWhenSpentMoneyLeavesNoRoomUntilThePeriodEnds() {
        budgets.set(BudgetScope.WORKSPACE, "ws_acme", new Budget(BudgetPeriod.MONTHLY, 2 * MAX + 10));
        Admission first = admit(ada);
        Admission second = admit(ada);
        assertThat(budgets.store().state(acme)).isEqualTo(new CounterState(0, 2 * MAX));

        LimitExceeded inFlight = refused(ada); // the money is only held: it may come back sooner
        assertThat(inFlight.code()).isEqualTo("budget_exceeded");
        assertThat(inFlight.retryAfter()).isEmpty();
        assertThat(inFlight.getMessage()).contains("workspace's monthly budget", "held by requests in flight");

        first.settle(costing(MAX));
        second.release();
        assertThat(budgets.store().state(acme)).isEqualTo(new CounterState(MAX, 0));
        admit(ada).settle(costing(MAX));

        LimitExceeded spent = refused(ada);
        assertThat(spent.retryAfter()).contains(Duration.ofHours(1));
        assertThat(spent.getMessage()).contains("It resets at 2026-12-01T00:00:00Z");
    }

    @Test
    void anUnpricedAnswerIsChargedNothingAsInTheLedger() {
        budgets.set(BudgetScope.USER, "user_ada", new Budget(BudgetPeriod.DAILY, 10 * MAX));
        admit(ada).settle(costing(null));
        assertThat(budgets.store().state(BudgetCounter.of(BudgetScope.USER, "user_ada", BudgetPeriod.DAILY, NOW)))
                .isEqualTo(new CounterState(0, 0));
    }

    @Test
    void aRequestDearerThanTheWholeBudgetIsToldSoWithoutRetryAfter() {
        var trial = new Caller("key_t", "user_t", "ws_t", "trial", Set.of(), false); // plan: $0.000001 a month
        LimitExceeded tooDear = refused(trial);
        assertThat(tooDear.retryAfter()).isEmpty();
        assertThat(tooDear.getMessage()).contains("more than the workspace's monthly budget of $0.000001",
                "lower max_tokens");
    }

    @Test
    void aCostAboveTheReservationIsChargedOnlyTheReservationAndCounted() {
        budgets.set(BudgetScope.WORKSPACE, "ws_acme", new Budget(BudgetPeriod.MONTHLY, 100 * MAX));

        admit(ada).settle(costing(1_000_000_000_000L)); // an upstream claiming a fortune

        assertThat(budgets.store().state(acme)).isEqualTo(new CounterState(MAX, 0));
        assertThat(excesses).containsExactly(1_000_000_000_000L - MAX);
    }

    @Test
    void theHoldOfARequestThatOutlivesItIsRenewedWhileItRuns() {
        budgets.set(BudgetScope.WORKSPACE, "ws_acme", new Budget(BudgetPeriod.MONTHLY, MAX));
        Admission streaming = admit(ada);

        for (int minute = 1; minute <= 30; minute++) { // a 30-minute stream, three holds' worth
            clock.advance(Duration.ofMinutes(1));
            held.tick();
            assertThat(budgets.store().state(acme)).as("minute %d", minute).isEqualTo(new CounterState(0, MAX));
        }
        assertThat(refused(ada).code()).isEqualTo("budget_exceeded");

        streaming.settle(costing(MAX / 2));
        clock.advance(BudgetGate.HOLD);
        held.tick(); // an ended request is not renewed
        assertThat(budgets.store().state(acme)).isEqualTo(new CounterState(MAX / 2, 0));
    }

    @Test
    void aSettleTheStoreRefusesIsRetriedUntilTheStoreTakesIt() {
        budgets.set(BudgetScope.WORKSPACE, "ws_acme", new Budget(BudgetPeriod.MONTHLY, 10 * MAX));
        Admission admitted = admit(ada);
        store.down = true;

        admitted.settle(costing(MAX - 5));
        held.tick();

        assertThat(held.unsettled()).isOne();
        assertThat(settleFailures).hasValue(1);
        assertThat(budgets.store().state(acme)).isEqualTo(new CounterState(0, MAX));
        store.down = false;
        held.tick();
        assertThat(held.unsettled()).isZero();
        assertThat(budgets.store().state(acme)).isEqualTo(new CounterState(MAX - 5, 0));
        held.tick(); // once, not twice
        assertThat(budgets.store().state(acme)).isEqualTo(new CounterState(MAX - 5, 0));
    }

    /**
     * Settles are not waited for: the request ends before the store answers, and each answer, in
     * whatever order they come, tells the events once, with the counter's state after that charge.
     */
    @Test
    void settlesAnsweredOutOfOrderEachTellTheirChargeOnce() {
        budgets.set(BudgetScope.WORKSPACE, "ws_acme", new Budget(BudgetPeriod.MONTHLY, 10 * MAX));
        List<Admission> admitted = List.of(admit(ada), admit(ada), admit(ada));
        store.answersLater = true;

        for (int i = 0; i < admitted.size(); i++) {
            admitted.get(i).settle(costing((long) i + 1));
        }
        assertThat(held.sending()).isEqualTo(3);
        assertThat(charges).isEmpty();
        assertThat(budgets.store().state(acme)).isEqualTo(new CounterState(0, 3 * MAX));

        store.answerLastFirst();

        assertThat(held.sending()).isZero();
        assertThat(charges).containsExactly(List.of(new CounterState(3, 2 * MAX)), List.of(new CounterState(5, MAX)),
                List.of(new CounterState(6, 0)));
        assertThat(budgets.store().state(acme)).isEqualTo(new CounterState(6, 0));
        assertThat(held.unsettled()).isZero();
    }

    /** Closing waits for the settles sent: their answers, coming on another thread, are all told first. */
    @Test
    void closeWaitsForTheSettlesSent() throws Exception {
        budgets.set(BudgetScope.WORKSPACE, "ws_acme", new Budget(BudgetPeriod.MONTHLY, 10 * MAX));
        List<Admission> admitted = List.of(admit(ada), admit(ada));
        store.answersLater = true;
        admitted.forEach(a -> a.settle(costing(7L)));
        Thread answering = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(200); // the answers come once close is waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.answerLastFirst();
        });

        held.close();

        assertThat(charges).containsExactly(List.of(new CounterState(7, MAX)), List.of(new CounterState(14, 0)));
        assertThat(budgets.store().state(acme)).isEqualTo(new CounterState(14, 0));
        answering.join();
    }
}
