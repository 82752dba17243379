package io.keyroute.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-process store against a plain model, under any interleaving of reserve, settle (never
 * above what was reserved), release and time passing: it holds exactly what the model says, and
 * spending never passes a limit.
 */
class LocalBudgetStorePropertyTest {
    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration HOLD = Duration.ofMinutes(10);
    private static final List<CounterLimit> COUNTERS = List.of(
            new CounterLimit(BudgetCounter.of(BudgetScope.WORKSPACE, "ws", BudgetPeriod.MONTHLY, START), 1_000),
            new CounterLimit(BudgetCounter.of(BudgetScope.USER, "user", BudgetPeriod.MONTHLY, START), 600),
            new CounterLimit(BudgetCounter.of(BudgetScope.KEY, "key", BudgetPeriod.MONTHLY, START), 2_500));

    sealed interface Step {
    }

    /** @param counters a bit set over {@link #COUNTERS} (never empty) */
    record Reserve(int counters, long amount) implements Step {
    }

    /** Ends the {@code which}-th live reservation (modulo how many there are), costing {@code share}‰ of it. */
    record Settle(int which, int share) implements Step {
    }

    record Release(int which) implements Step {
    }

    record Wait(int minutes) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> reserve = Combinators.combine(Arbitraries.integers().between(1, 7),
                Arbitraries.longs().between(0, 700)).as(Reserve::new);
        Arbitrary<Step> settle = Combinators.combine(Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(0, 1000)).as(Settle::new);
        Arbitrary<Step> release = Arbitraries.integers().between(0, 50).map(Release::new);
        Arbitrary<Step> wait = Arbitraries.integers().between(1, 6).map(Wait::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, reserve), net.jqwik.api.Tuple.of(3, settle),
                net.jqwik.api.Tuple.of(1, release), net.jqwik.api.Tuple.of(1, wait)).list().ofMaxSize(80);
    }

    private record Held(Reservation reservation) {
    }

    @Property(tries = 1_000)
    void holdsWhatTheModelHoldsAndSpendingNeverPassesALimit(@ForAll("steps") List<Step> steps) {
        var clock = new MutableClock(START);
        var store = new LocalBudgetStore(SpendingHistory.NONE, clock);
        List<Held> live = new ArrayList<>();
        Map<BudgetCounter, Long> spent = new HashMap<>();
        int ids = 0;
        for (Step step : steps) {
            live.removeIf(h -> !h.reservation().expiresAt().isAfter(clock.instant())); // crashed: never settled
            switch (step) {
                case Reserve r -> {
                    var reservation = new Reservation("r" + ids++, lines(r.counters()), r.amount(),
                            clock.instant().plus(HOLD));
                    boolean fits = reservation.lines().stream().allMatch(line -> spent.getOrDefault(line.counter(), 0L)
                            + reserved(live, line.counter()) + r.amount() <= line.limitMicros());
                    ReserveOutcome outcome = store.reserve(reservation);
                    assertThat(outcome == ReserveOutcome.HELD).isEqualTo(fits);
                    if (fits) {
                        live.add(new Held(reservation));
                    }
                }
                case Settle s when !live.isEmpty() -> {
                    Reservation r = live.remove(s.which() % live.size()).reservation();
                    long actual = r.amountMicros() * s.share() / 1000;
                    store.settle(r, actual);
                    r.lines().forEach(line -> spent.merge(line.counter(), actual, Long::sum));
                }
                case Release s when !live.isEmpty() -> store.release(live.remove(s.which() % live.size()).reservation());
                case Wait w -> clock.advance(Duration.ofMinutes(w.minutes()));
                default -> {
                }
            }
            for (CounterLimit line : COUNTERS) {
                live.removeIf(h -> !h.reservation().expiresAt().isAfter(clock.instant()));
                CounterState state = store.state(line.counter());
                assertThat(state).isEqualTo(new CounterState(spent.getOrDefault(line.counter(), 0L),
                        reserved(live, line.counter())));
                assertThat(state.spentMicros() + state.reservedMicros()).isLessThanOrEqualTo(line.limitMicros());
            }
        }
    }

    private static List<CounterLimit> lines(int bits) {
        List<CounterLimit> lines = new ArrayList<>();
        for (int i = 0; i < COUNTERS.size(); i++) {
            if ((bits & (1 << i)) != 0) {
                lines.add(COUNTERS.get(i));
            }
        }
        return lines;
    }

    private static long reserved(List<Held> live, BudgetCounter counter) {
        return live.stream().filter(h -> h.reservation().lines().stream().anyMatch(l -> l.counter().equals(counter)))
                .mapToLong(h -> h.reservation().amountMicros()).sum();
    }
}
