package io.keyroute.server.limits;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.error.LimitExceeded;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig.PlanSettings;
import io.keyroute.usage.CostCalculator;
import io.keyroute.usage.budget.Budget;
import io.keyroute.usage.budget.BudgetCounter;
import io.keyroute.usage.budget.BudgetLines;
import io.keyroute.usage.budget.BudgetPeriod;
import io.keyroute.usage.budget.BudgetScope;
import io.keyroute.usage.budget.BudgetStore;
import io.keyroute.usage.budget.Budgets;
import io.keyroute.usage.budget.CounterLimit;
import io.keyroute.usage.budget.CounterState;
import io.keyroute.usage.budget.Reservation;
import io.keyroute.usage.budget.ReserveOutcome;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hard budgets as a {@link RequestGate}: before the attempts, the request's maximum cost
 * ({@link ReservedCost}: refused with 403 where the catalog cannot bound it) is held
 * on every budget that limits it (its workspace's, its plan's monthly trial budget on the
 * workspace, its user's, its key's), or it is refused with 429 {@code budget_exceeded}; when it
 * ends, its real cost is charged and the rest freed.
 *
 * <p>A request that may reach a model without a catalog price is refused ({@link PricedTargets}):
 * its cost could not be counted.
 */
public final class BudgetGate implements RequestGate {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetGate.class);
    /**
     * How long a hold lasts if its request never ends (the process crashed): beyond a request's
     * attempts (retries are bounded by {@code retry.max_total_ms}, 2 min by default); a stream
     * running longer has its holds renewed ({@link HeldBudgets}).
     */
    public static final Duration HOLD = Duration.ofMinutes(10);

    private final Budgets budgets;
    private final Clock clock;
    private final HeldBudgets held;
    private final BudgetEvents events;

    /** Holds renewed and failed settles retried only when {@code held} ticks (see {@link HeldBudgets#every}). */
    public BudgetGate(Budgets budgets, Clock clock, HeldBudgets held, BudgetEvents events) {
        this.budgets = budgets;
        this.clock = clock;
        this.held = held;
        this.events = events;
    }

    /** Without renewals or retries on a timer (tests, benchmarks): nothing ticks. */
    public BudgetGate(Budgets budgets, Clock clock) {
        this(budgets, clock, new HeldBudgets(clock, BudgetEvents.NONE), BudgetEvents.NONE);
    }

    @Override
    public Admission admit(GateRequest request) {
        Instant now = clock.instant();
        BudgetLines lines = lines(request, now);
        if (lines.isEmpty()) {
            return Admission.NONE;
        }
        PricedTargets.require(request.decision(), request.runtime().routing().catalog());
        long amount = ReservedCost.micros(request);
        var reservation = new Reservation(request.requestId(), lines.lines(), amount, now.plus(HOLD));
        BudgetStore store = budgets.store();
        ReserveOutcome outcome;
        try {
            outcome = store.reserve(reservation);
        } catch (RuntimeException e) { // a hard budget that cannot be checked refuses
            LOG.error("budget store unavailable, request {} refused: {}", request.requestId(), e.toString());
            throw new ClientError(ErrorType.INTERNAL, "budget_unavailable",
                    "Budgets cannot be checked right now; try again shortly.", null);
        }
        return switch (outcome) {
            case ReserveOutcome.Held ok -> new HeldReservation(store, reservation, held, events,
                    request.caller().workspaceId());
            case ReserveOutcome.Refused refused -> throw refusal(request.caller().workspaceId(), refused, amount, now);
        };
    }

    private BudgetLines lines(GateRequest request, Instant now) {
        Caller caller = request.caller();
        PlanSettings plan = caller.plan() == null ? null : request.runtime().config().plans().get(caller.plan());
        Long planMicros = plan == null ? null : micros(plan.monthlyBudgetUsd());
        Long keyMicros = caller.limits().budgetMicros();
        return new BudgetLines(now)
                .add(BudgetScope.WORKSPACE, caller.workspaceId(),
                        budgets.budget(BudgetScope.WORKSPACE, caller.workspaceId()).orElse(null))
                .add(BudgetScope.WORKSPACE, caller.workspaceId(), monthly(planMicros))
                .add(BudgetScope.USER, caller.userId(), budgets.budget(BudgetScope.USER, caller.userId()).orElse(null))
                .add(BudgetScope.KEY, caller.keyId(), monthly(keyMicros));
    }

    private LimitExceeded refusal(String workspaceId, ReserveOutcome.Refused refused, long amount, Instant now) {
        CounterLimit line = refused.line();
        BudgetCounter counter = line.counter();
        CounterState state = refused.state();
        String budget = whose(counter.scope()) + " " + counter.period().wire() + " budget of $"
                + CostCalculator.usd(line.limitMicros());
        if (amount > line.limitMicros()) {
            return new LimitExceeded("budget_exceeded", "This request may cost up to $" + CostCalculator.usd(amount)
                    + ", more than the " + budget + " allows; lower max_tokens or shorten the prompt.", null);
        }
        // Spent money comes back only with the next period; money held by requests in flight may sooner.
        boolean untilReset = state.spentMicros() + amount > line.limitMicros();
        if (untilReset) {
            events.usedUp(workspaceId, line, state);
        }
        return new LimitExceeded("budget_exceeded", "The " + budget + " is used up: $"
                + CostCalculator.usd(state.spentMicros()) + " spent and $" + CostCalculator.usd(state.reservedMicros())
                + " held by requests in flight, and this request may cost up to $" + CostCalculator.usd(amount)
                + ". It resets at " + counter.end() + ".",
                untilReset ? Duration.between(now, counter.end()) : null);
    }

    private static String whose(BudgetScope scope) {
        return switch (scope) {
            case WORKSPACE -> "workspace's";
            case USER -> "user's";
            case KEY -> "key's";
        };
    }

    private static Budget monthly(Long micros) {
        return micros == null ? null : new Budget(BudgetPeriod.MONTHLY, micros);
    }

    private static Long micros(Double usd) {
        return usd == null ? null : CostCalculator.limitMicros(BigDecimal.valueOf(usd));
    }
}
