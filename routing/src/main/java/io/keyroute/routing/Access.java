package io.keyroute.routing;

import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import io.keyroute.catalog.Target;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which models a caller may use: their workspace plan's allow-list and their key's own. Entries
 * are {@code "*"}, {@code provider/*}, {@code provider/model} or (for a key) a route name.
 *
 * @param plan       the plan's name, or null when no plan applies
 * @param planModels the plan's allow-list; ignored when {@code plan} is null
 * @param keyModels  the key's allow-list; empty means every model
 */
public record Access(String plan, List<String> planModels, Set<String> keyModels) {
    public static final Access UNRESTRICTED = new Access(null, List.of(), Set.of());

    public Access {
        planModels = List.copyOf(planModels);
        keyModels = Set.copyOf(keyModels);
    }

    /** Why {@code target}, reached by asking for {@code requested}, is not allowed, or empty. */
    public Optional<String> denies(Target target, String requested) {
        if (plan != null && !matches(planModels, target)) {
            return Optional.of("not in plan '" + plan + "'");
        }
        if (!keyModels.isEmpty() && !keyModels.contains(requested) && !matches(keyModels, target)) {
            return Optional.of("not allowed for this key");
        }
        return Optional.empty();
    }

    /** The 403 for a model the caller may not use, naming the plan (or the key) and what is allowed. */
    public ClientError notAllowed(String model, String reason) {
        String allowed = reason.startsWith("not in plan")
                ? "Plan '" + plan + "' allows: " + String.join(", ", planModels) + "."
                : "This key allows: " + String.join(", ", keyModels.stream().sorted().toList()) + ".";
        return new ClientError(ErrorType.PERMISSION, "model_not_allowed",
                "The model '" + io.keyroute.api.Secrets.scrub(model) + "' is " + reason + ". " + allowed, "model");
    }

    private static boolean matches(java.util.Collection<String> patterns, Target target) {
        for (String p : patterns) {
            if (p.equals("*") || p.equals(target.qualified()) || p.equals(target.providerId() + "/*")) {
                return true;
            }
        }
        return false;
    }
}
