package io.keyroute.server.limits;

import io.keyroute.usage.budget.CounterState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget holds of requests still running and the settles the store refused. Each
 * {@link #tick} renews the holds that would lapse within {@link #RENEW_WITHIN} (a stream may run
 * far longer than a hold lasts, and a lapsed hold lets others spend what it is about to cost), and
 * retries every kept settle, so none is lost while the process runs (after a crash, an admin
 * recomputes the counter from the ledger). A timer ticks in production; tests call {@link #tick}
 * with a clock of their own.
 */
public final class HeldBudgets implements AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger(HeldBudgets.class);
    /** Half a hold's life: a renewal that fails is tried again many times before the hold lapses. */
    static final Duration RENEW_WITHIN = BudgetGate.HOLD.dividedBy(2);

    private final Clock clock;
    private final BudgetEvents events;
    private final Set<HeldReservation> running = ConcurrentHashMap.newKeySet();
    private final Queue<Settlement> unsettled = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService timer;

    public HeldBudgets(Clock clock, BudgetEvents events) {
        this.clock = clock;
        this.events = events;
    }

    /** Ticks every {@code interval} on a daemon thread of its own until closed. */
    public HeldBudgets every(Duration interval) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keyroute-budget-holds");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) { // a timer task that throws is never run again
                LOG.error("budget holds tick failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Renews the holds due for it and retries the settles kept (a store failure is logged, not thrown). */
    public void tick() {
        Instant now = clock.instant();
        for (HeldReservation held : running) {
            held.renewIfDue(now);
        }
        for (int i = unsettled.size(); i > 0; i--) {
            Settlement next = unsettled.poll();
            if (next == null) {
                break;
            }
            if (next.tryNow().isPresent()) {
                LOG.info("budget settle of request {} done on retry", next.reservation().requestId());
            } else {
                unsettled.add(next);
            }
        }
    }

    /** Settles that the store has not taken yet. */
    public int unsettled() {
        return unsettled.size();
    }

    void running(HeldReservation held) {
        running.add(held);
    }

    void ended(HeldReservation held) {
        running.remove(held);
    }

    /** The counters' states once charged; empty when the store refused it (kept, retried at each tick). */
    Optional<List<CounterState>> settle(Settlement settlement) {
        Optional<List<CounterState>> after = settlement.tryNow();
        if (after.isEmpty()) {
            events.settleFailed();
            unsettled.add(settlement);
        }
        return after;
    }

    /** Stops the timer after one last try of the settles still kept. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        tick();
        if (!unsettled.isEmpty()) {
            LOG.error("{} budget settles could not be stored; recompute the counters from the ledger",
                    unsettled.size());
        }
    }
}
