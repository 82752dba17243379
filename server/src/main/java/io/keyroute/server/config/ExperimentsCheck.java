package io.keyroute.server.config;

import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code experiments:} section: each experiment has a unique name, splits a configured
 * route that no other experiment splits, and has arms of distinct configured models with positive
 * weights.
 */
final class ExperimentsCheck {
    /** A name the API's path and the ledger carry. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A split's shares are small integers; more arms than this is not an experiment one can read. */
    private static final int MAX_ARMS = 20;
    private static final int MAX_WEIGHT = 1_000_000;

    private ExperimentsCheck() {
    }

    static void check(List<ExperimentSettings> experiments, List<RouteSettings> routes, Set<String> providerIds,
                      ConfigValidator.Problems problems) {
        Set<String> names = new HashSet<>();
        Set<String> splitRoutes = new HashSet<>();
        Set<String> routeNames = new HashSet<>();
        routes.forEach(r -> routeNames.add(r.name()));
        for (int i = 0; i < experiments.size(); i++) {
            ExperimentSettings e = experiments.get(i);
            String at = "experiments[" + i + "]";
            if (e.name() == null || !NAME.matcher(e.name()).matches()) {
                problems.add(at + ".name", "is required: 1-64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit");
            } else if (!names.add(e.name())) {
                problems.add(at + ".name", "'" + e.name() + "' is used by an earlier experiment");
            }
            if (e.route() == null || !routeNames.contains(e.route())) {
                problems.add(at + ".route", (e.route() == null ? "is required" : "'" + e.route() + "' is not a route")
                        + " (routes: " + String.join(", ", routeNames) + ")");
            } else if (!splitRoutes.add(e.route())) {
                problems.add(at + ".route", "'" + e.route() + "' is split by an earlier experiment");
            }
            arms(at + ".arms", e.arms(), providerIds, problems);
        }
    }

    private static void arms(String at, List<ExperimentSettings.Arm> arms, Set<String> providerIds,
                             ConfigValidator.Problems problems) {
        if (arms.size() < 2 || arms.size() > MAX_ARMS) {
            problems.add(at, "must list 2 to " + MAX_ARMS + " arms");
        }
        Set<String> models = new HashSet<>();
        for (int j = 0; j < arms.size(); j++) {
            ExperimentSettings.Arm arm = arms.get(j);
            String path = at + "[" + j + "]";
            if (arm == null) {
                problems.add(path, "must be { model: provider/model, weight: N }");
                continue;
            }
            ConfigValidator.configuredModel(path + ".model", arm.model(), providerIds, problems);
            if (arm.model() != null && !models.add(arm.model())) {
                problems.add(path + ".model", "'" + arm.model() + "' is an earlier arm's model");
            }
            if (arm.weight() == null || arm.weight() < 1 || arm.weight() > MAX_WEIGHT) {
                problems.add(path + ".weight", "must be in 1.." + MAX_WEIGHT);
            }
        }
    }
}
