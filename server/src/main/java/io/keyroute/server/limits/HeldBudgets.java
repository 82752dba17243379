package io.keyroute.server.limits;

import io.keyroute.usage.budget.CounterState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget holds of requests still running, the settles sent and not yet answered, and the
 * settles the store refused. A settle is not waited for ({@link #settle}): its answer feeds the
 * events (budget alerts) when it comes; a failed one is kept. Each
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
    /** How long {@link #close} waits for settles sent: a Redis round trip is ~0.1 ms; more means it is gone. */
    static final Duration DRAIN_WITHIN = Duration.ofSeconds(5);

    private final Clock clock;
    private final BudgetEvents events;
    private final Set<HeldReservation> running = ConcurrentHashMap.newKeySet();
    private final Queue<Settlement> unsettled = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sending = new AtomicInteger();
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

    /**
     * Sends the charge without waiting: {@code charged} gets the counters' states once the store
     * answers (on the store's thread, e.g. Lettuce's event loop: it only takes note); a failure is
     * counted and kept, retried at each tick.
     */
    void settle(Settlement settlement, Consumer<List<CounterState>> charged) {
        sending.incrementAndGet();
        settlement.send().whenComplete((after, error) -> {
            try {
                if (error == null) {
                    charged.accept(after);
                } else {
                    LOG.error("budget settle of request {} failed, kept to retry: {}",
                            settlement.reservation().requestId(), error.toString());
                    events.settleFailed();
                    unsettled.add(settlement);
                }
            } catch (RuntimeException e) { // an event's failure must not hide the settle's end
                LOG.error("budget settle of request {}: its events failed: {}", settlement.reservation().requestId(),
                        e.toString());
            } finally {
                sending.decrementAndGet();
            }
        });
    }

    /** Settles sent and not answered yet. */
    public int sending() {
        return sending.get();
    }

    /** Waits at most {@code within} for every settle sent to be answered; false if some are not yet. */
    public boolean awaitSent(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (sending.get() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // at shutdown and in tests: a poll is simplest
        }
        return true;
    }

    /**
     * Stops the timer, waits (bounded) for the settles sent to be answered, so their events are told
     * before the alerts close and their failures are kept, then tries the settles kept once more.
     */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (!awaitSent(DRAIN_WITHIN)) {
            LOG.warn("{} budget settles were not answered within {}", sending.get(), DRAIN_WITHIN);
        }
        tick();
        if (!unsettled.isEmpty()) {
            LOG.error("{} budget settles could not be stored; recompute the counters from the ledger",
                    unsettled.size());
        }
    }
}
