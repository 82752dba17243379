package io.keyroute.usage.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Budget counters in this process, for a single replica. A reservation locks its counters in id
 * order (so two requests never wait on each other crosswise), checks them all, then holds on all.
 * A counter's spending starts from {@link SpendingHistory} at its first use.
 */
public final class LocalBudgetStore implements BudgetStore {
    /** Counters of ended periods are dropped this long after the end, when their holds are long gone. */
    private static final Duration KEEP_ENDED = Duration.ofDays(1);

    private final SpendingHistory history;
    private final Clock clock;
    private final Map<BudgetCounter, Counter> counters = new ConcurrentHashMap<>();

    public LocalBudgetStore(SpendingHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @Override
    public ReserveOutcome reserve(Reservation reservation) {
        Instant now = clock.instant();
        List<Counter> held = lock(reservation);
        try {
            for (int i = 0; i < held.size(); i++) {
                Counter counter = held.get(i);
                counter.sweep(now);
                CounterLimit line = reservation.lines().get(i);
                if (counter.spent + counter.reserved + reservation.amountMicros() > line.limitMicros()) {
                    return new ReserveOutcome.Refused(line, counter.state());
                }
            }
            held.forEach(counter -> counter.hold(reservation));
            return ReserveOutcome.HELD;
        } finally {
            held.forEach(Counter::unlock);
        }
    }

    @Override
    public List<CounterState> settle(Reservation reservation, long actualMicros) {
        List<Counter> held = lock(reservation);
        try {
            var after = new ArrayList<CounterState>(held.size());
            for (Counter counter : held) {
                counter.settle(reservation.requestId(), reservation.charged(actualMicros));
                after.add(counter.state());
            }
            return after;
        } finally {
            held.forEach(Counter::unlock);
        }
    }

    @Override
    public void renew(Reservation reservation) {
        List<Counter> held = lock(reservation);
        try {
            held.forEach(counter -> counter.renew(reservation));
        } finally {
            held.forEach(Counter::unlock);
        }
    }

    @Override
    public void recompute(BudgetCounter key) {
        Counter counter = counter(key);
        counter.lock.lock();
        try {
            counter.spent = history.spentMicros(key);
            counter.loaded = true;
        } finally {
            counter.unlock();
        }
    }

    @Override
    public CounterState state(BudgetCounter key) {
        Counter counter = counter(key);
        counter.lock.lock();
        try {
            counter.load();
            counter.sweep(clock.instant());
            return counter.state();
        } finally {
            counter.unlock();
        }
    }

    /** The reservation's counters, locked in its (id) order and loaded. */
    private List<Counter> lock(Reservation reservation) {
        List<Counter> locked = new ArrayList<>(reservation.lines().size());
        try {
            for (CounterLimit line : reservation.lines()) {
                Counter counter = counter(line.counter());
                counter.lock.lock();
                locked.add(counter);
                counter.load();
            }
            return locked;
        } catch (RuntimeException e) {
            locked.forEach(Counter::unlock);
            throw e;
        }
    }

    private Counter counter(BudgetCounter key) {
        Counter existing = counters.get(key);
        if (existing != null) {
            return existing;
        }
        forgetEnded();
        return counters.computeIfAbsent(key, Counter::new);
    }

    /** Rare (only when a new counter appears): the map holds current periods only. */
    private void forgetEnded() {
        Instant horizon = clock.instant().minus(KEEP_ENDED);
        counters.keySet().removeIf(key -> key.end().isBefore(horizon));
    }

    /** One counter's money and live holds, guarded by its lock. */
    private final class Counter {
        private final BudgetCounter key;
        private final ReentrantLock lock = new ReentrantLock();
        private final Map<String, Hold> holds = new HashMap<>();
        private final TreeSet<Hold> byExpiry = new TreeSet<>(
                Comparator.comparing(Hold::expiresAt).thenComparing(Hold::requestId));
        private boolean loaded;
        private long spent;
        private long reserved;

        private record Hold(String requestId, long amount, Instant expiresAt) {
        }

        Counter(BudgetCounter key) {
            this.key = key;
        }

        /** Reads the period's earlier spending once, under the lock, so only this counter waits for it. */
        void load() {
            if (!loaded) {
                spent = history.spentMicros(key);
                loaded = true;
            }
        }

        void sweep(Instant now) {
            while (!byExpiry.isEmpty() && !byExpiry.first().expiresAt().isAfter(now)) {
                Hold expired = byExpiry.pollFirst();
                holds.remove(expired.requestId());
                reserved -= expired.amount();
            }
        }

        void hold(Reservation reservation) {
            var hold = new Hold(reservation.requestId(), reservation.amountMicros(), reservation.expiresAt());
            Hold previous = holds.put(hold.requestId(), hold);
            if (previous != null) { // the same request reserving again replaces its hold
                byExpiry.remove(previous);
                reserved -= previous.amount();
            }
            byExpiry.add(hold);
            reserved += hold.amount();
        }

        void renew(Reservation reservation) {
            Hold hold = holds.get(reservation.requestId());
            if (hold != null) {
                byExpiry.remove(hold);
                var renewed = new Hold(hold.requestId(), hold.amount(), reservation.expiresAt());
                holds.put(renewed.requestId(), renewed);
                byExpiry.add(renewed);
            }
        }

        void settle(String requestId, long actual) {
            Hold hold = holds.remove(requestId);
            if (hold != null) {
                byExpiry.remove(hold);
                reserved -= hold.amount();
            }
            spent += actual;
        }

        CounterState state() {
            return new CounterState(spent, reserved);
        }

        void unlock() {
            lock.unlock();
        }
    }
}
