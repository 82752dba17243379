package io.keyroute.usage;

import io.keyroute.store.Database;
import io.keyroute.store.Jdbc;
import io.keyroute.store.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's rows of one A/B experiment, totalled per arm, for everyone, a workspace or a user: one
 * query, its percentiles ranked by the database as {@link UsageReport}'s are.
 */
public final class ArmReport {
    private final Jdbc jdbc;

    public ArmReport(Database database) {
        this.jdbc = database.jdbc();
    }

    /**
     * @param from inclusive
     * @param to   exclusive
     * @return one row per arm that has requests, in no particular order
     */
    public List<ArmTotals> arms(String experiment, Instant from, Instant to, UsageScope scope) {
        List<Object> params = new ArrayList<>(List.of(experiment, Times.format(from), Times.format(to)));
        if (scope.id() != null) {
            params.add(scope.id());
        }
        String scoped = "SELECT experiment_arm AS grp, prompt_tokens, completion_tokens, cost_micros, outcome,"
                + " latency_us FROM usage_events WHERE experiment = ? AND at >= ? AND at < ?" + scope.condition();
        String sql = "SELECT grp, COUNT(*), " + UsageReport.ERRORS + ", SUM(prompt_tokens), SUM(completion_tokens),"
                + " COUNT(cost_micros), SUM(cost_micros), SUM(CAST(cost_micros AS DOUBLE PRECISION) * cost_micros), "
                + UsageReport.PERCENTILES + " FROM (" + UsageReport.ranked(scoped) + ") ranked GROUP BY grp";
        return jdbc.query(sql, rs -> new ArmTotals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8), rs.getLong(9), rs.getLong(10)),
                params.toArray());
    }
}
