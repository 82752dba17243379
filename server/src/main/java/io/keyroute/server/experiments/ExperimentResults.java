package io.keyroute.server.experiments;

import io.keyroute.usage.ArmReport;
import io.keyroute.usage.ArmTotals;
import io.keyroute.usage.UsageScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's arms as the ledger saw them over a time range: the configured arms in their order
 * (those without requests as zeros), then any arm the ledger holds that the config no longer lists,
 * each compared with the first.
 */
public final class ExperimentResults {
    private final ArmReport report;

    public ExperimentResults(ArmReport report) {
        this.report = report;
    }

    public List<ArmResult> of(Experiment experiment, Instant from, Instant to, UsageScope scope) {
        Map<String, ArmTotals> seen = new LinkedHashMap<>();
        report.arms(experiment.name(), from, to, scope).forEach(t -> seen.put(t.arm(), t));
        var arms = new ArrayList<ArmResult>();
        ArmTotals first = null;
        for (Experiment.Arm arm : experiment.arms()) {
            ArmTotals totals = seen.remove(arm.model());
            totals = totals != null ? totals : new ArmTotals(arm.model(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
            arms.add(ArmResult.of(arm.model(), arm.weight(), totals, first));
            first = first == null ? totals : first;
        }
        for (ArmTotals retired : seen.values()) {
            arms.add(ArmResult.of(retired.arm(), null, retired, first));
        }
        return arms;
    }
}
