package io.keyroute.usage.budget;

import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Budget counters in PostgreSQL, shared by every replica on the database. A reservation is one
 * transaction with one statement per counter: a conditional UPDATE (spent + reserved + amount ≤
 * limit) that also records the hold; the row lock it takes serialises replicas. Expired holds are
 * swept when they stand in the way (a refused UPDATE), which is the only time they matter.
 */
public final class PostgresBudgetStore implements BudgetStore {
    private static final String HOLD = "WITH bumped AS (UPDATE budget_counters SET reserved_micros = reserved_micros + ?"
            + " WHERE counter_id = ? AND spent_micros + reserved_micros + ? <= ? RETURNING counter_id)"
            + " INSERT INTO budget_reservations (counter_id, request_id, amount_micros, expires_at)"
            + " SELECT counter_id, ?, ?, ? FROM bumped";
    private static final String SWEEP = "WITH gone AS (DELETE FROM budget_reservations WHERE counter_id = ?"
            + " AND expires_at <= ? RETURNING amount_micros)"
            + " UPDATE budget_counters SET reserved_micros = reserved_micros - (SELECT COALESCE(SUM(amount_micros), 0) FROM gone)"
            + " WHERE counter_id = ?";
    private static final String SETTLE = "WITH freed AS (DELETE FROM budget_reservations WHERE counter_id = ?"
            + " AND request_id = ? RETURNING amount_micros)"
            + " UPDATE budget_counters SET spent_micros = spent_micros + ?,"
            + " reserved_micros = reserved_micros - (SELECT COALESCE(SUM(amount_micros), 0) FROM freed)"
            + " WHERE counter_id = ? RETURNING spent_micros, reserved_micros";
    private static final String RENEW = "UPDATE budget_reservations SET expires_at = ? WHERE counter_id = ? AND request_id = ?";
    private static final String STATE = "SELECT spent_micros, reserved_micros FROM budget_counters WHERE counter_id = ?";

    private final Jdbc jdbc;
    private final Clock clock;

    public PostgresBudgetStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Thrown inside the transaction to roll back the holds already taken. */
    private static final class RefusedHere extends RuntimeException {
        final ReserveOutcome.Refused refused;

        RefusedHere(ReserveOutcome.Refused refused) {
            super(null, null, false, false);
            this.refused = refused;
        }
    }

    @Override
    public ReserveOutcome reserve(Reservation reservation) {
        String now = Times.format(clock.instant());
        try {
            return jdbc.inTransaction(tx -> {
                for (CounterLimit line : reservation.lines()) {
                    if (!hold(tx, line, reservation)) {
                        create(tx, line.counter());
                        tx.update(SWEEP, line.counter().id(), now, line.counter().id());
                        if (!hold(tx, line, reservation)) {
                            throw new RefusedHere(new ReserveOutcome.Refused(line, read(tx, line.counter())));
                        }
                    }
                }
                return ReserveOutcome.HELD;
            });
        } catch (RefusedHere e) {
            return e.refused;
        }
    }

    private static boolean hold(Jdbc tx, CounterLimit line, Reservation r) {
        String id = line.counter().id();
        return tx.update(HOLD, r.amountMicros(), id, r.amountMicros(), line.limitMicros(), r.requestId(),
                r.amountMicros(), Times.format(r.expiresAt())) == 1;
    }

    /**
     * A counter's row at its first use, starting from the ledger's spending for its period. The
     * ledger is summed only when the row is missing, not at every refusal.
     */
    private static void create(Jdbc tx, BudgetCounter counter) {
        tx.update("INSERT INTO budget_counters (counter_id, spent_micros, reserved_micros) SELECT ?, ("
                        + LedgerSpending.sumSql(counter.scope()) + "), 0"
                        + " WHERE NOT EXISTS (SELECT 1 FROM budget_counters WHERE counter_id = ?)"
                        + " ON CONFLICT (counter_id) DO NOTHING",
                counter.id(), counter.ownerId(), Times.format(counter.start()), Times.format(counter.end()), counter.id());
    }

    @Override
    public List<CounterState> settle(Reservation reservation, long actualMicros) {
        return jdbc.inTransaction(tx -> {
            var after = new ArrayList<CounterState>(reservation.lines().size());
            for (CounterLimit line : reservation.lines()) {
                String id = line.counter().id();
                after.add(tx.queryOne(SETTLE, PostgresBudgetStore::state, id, reservation.requestId(),
                        reservation.charged(actualMicros), id).orElse(CounterState.EMPTY));
            }
            return after;
        });
    }

    @Override
    public void renew(Reservation reservation) {
        String until = Times.format(reservation.expiresAt());
        jdbc.inTransaction(tx -> {
            for (CounterLimit line : reservation.lines()) {
                tx.update(RENEW, until, line.counter().id(), reservation.requestId());
            }
            return null;
        });
    }

    @Override
    public void recompute(BudgetCounter counter) {
        jdbc.inTransaction(tx -> {
            create(tx, counter);
            tx.update("UPDATE budget_counters SET spent_micros = (" + LedgerSpending.sumSql(counter.scope())
                            + ") WHERE counter_id = ?", counter.ownerId(), Times.format(counter.start()),
                    Times.format(counter.end()), counter.id());
            return null;
        });
    }

    @Override
    public CounterState state(BudgetCounter counter) {
        return jdbc.inTransaction(tx -> {
            create(tx, counter);
            tx.update(SWEEP, counter.id(), Times.format(clock.instant()), counter.id());
            return read(tx, counter);
        });
    }

    private static CounterState read(Jdbc tx, BudgetCounter counter) {
        return tx.queryOne(STATE, PostgresBudgetStore::state, counter.id()).orElse(CounterState.EMPTY);
    }

    private static CounterState state(ResultSet rs) throws SQLException {
        return new CounterState(rs.getLong(1), rs.getLong(2));
    }
}
