package io.keyroute.benchmarks.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The harness's findings as Markdown tables: the goals, then each phase under load. */
final class Report {
    private final StringBuilder text = new StringBuilder();
    private final List<String[]> goals = new ArrayList<>();

    Report heading(String line) {
        text.append(line).append("\n\n");
        return this;
    }

    /** One measured goal: what, the figure, the goal, and whether it was met (null: not measured). */
    void goal(String what, String measured, String goal, Boolean met) {
        goals.add(new String[] {what, measured, goal, met == null ? "not measured" : met ? "yes" : "**no**"});
    }

    String render(List<Phase> phases, List<Traffic.Outcome> outcomes) {
        var out = new StringBuilder(text);
        out.append("| measured | result | goal | met |\n|---|---|---|---|\n");
        for (String[] row : goals) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append("\nUnder load (the SDK's retrying client through the balancer; a request counts in the phase it started in, an error in the phase it ended in):\n\n");
        out.append("| phase | requests | answered | client errors | in flight on the killed replica | backend 5xx | balancer 502/503 | "
                + "failovers | cut after the 200: by the backend / to the client | p50 ms | p99 ms | max ms | what happened |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Phase phase : phases) {
            List<Traffic.Outcome> mine = phase.of(outcomes);
            List<Long> millis = mine.stream().filter(Traffic.Outcome::answered).map(Traffic.Outcome::millis).sorted().toList();
            out.append("| ").append(phase.name())
                    .append(" | ").append(mine.size())
                    .append(" | ").append(millis.size())
                    .append(" | ").append(phase.errors(outcomes))
                    .append(" | ").append(phase.inFlightOnKilled() < 0 ? "-" : phase.inFlightOnKilled())
                    .append(" | ").append(phase.balancer().backend5xx())
                    .append(" | ").append(phase.balancer().gateway5xx())
                    .append(" | ").append(phase.balancer().failovers())
                    .append(" | ").append(phase.balancer().cutByBackend()).append(" / ").append(phase.balancer().cutToClient())
                    .append(" | ").append(percentile(millis, 0.50))
                    .append(" | ").append(percentile(millis, 0.99))
                    .append(" | ").append(millis.isEmpty() ? "-" : millis.getLast())
                    .append(" | ").append(phase.note()).append(" |\n");
        }
        var errors = new StringBuilder();
        for (Phase phase : phases) {
            Map<String, List<Traffic.Outcome>> kinds = phase.failures(outcomes).stream()
                    .collect(Collectors.groupingBy(o -> String.valueOf(o.error()), TreeMap::new, Collectors.toList()));
            kinds.forEach((kind, failed) -> errors.append("- ").append(phase.name()).append(": ").append(failed.size())
                    .append(" × ").append(kind).append(requestIds(failed)).append('\n'));
        }
        if (!errors.isEmpty()) {
            out.append("\nClient errors:\n\n").append(errors);
        }
        return out.toString();
    }

    /** The ids the replicas answered with (their access log and ledger name them), so a cut can be traced. */
    private static String requestIds(List<Traffic.Outcome> failed) {
        String ids = failed.stream().map(Traffic.Outcome::requestId).filter(Objects::nonNull).limit(5)
                .collect(Collectors.joining(", "));
        return ids.isEmpty() ? "" : " (" + ids + ")";
    }

    private static String percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? "-" : String.valueOf(sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))));
    }

    static <T> String joined(List<T> values, Function<T, String> shown) {
        return values.stream().map(shown).collect(Collectors.joining(" / "));
    }
}
