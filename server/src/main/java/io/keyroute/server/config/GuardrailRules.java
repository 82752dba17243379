package io.keyroute.server.config;

import io.keyroute.server.config.KeyrouteConfig.AppliesTo;
import io.keyroute.server.config.KeyrouteConfig.GuardrailSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code guardrails:} section's shape: names, types, places, actions, scopes and
 * timeouts. What a type reads beyond these (its entity names, a deny list's words, a checker's URL)
 * its factory checks when the runtime is built, naming the guardrail.
 */
final class GuardrailRules {
    /** A name a refusal may quote back to a caller and a metric may carry as a label. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ENTITY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final long MAX_TIMEOUT_MS = 60_000;

    private GuardrailRules() {
    }

    static void check(List<GuardrailSettings> guardrails, ConfigValidator.Problems problem) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < guardrails.size(); i++) {
            GuardrailSettings g = guardrails.get(i);
            String at = "guardrails[" + i + "]";
            if (g.name() == null || !NAME.matcher(g.name()).matches()) {
                problem.add(at + ".name", "is required: 1-64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit");
            } else if (!names.add(g.name())) {
                problem.add(at + ".name", "'" + g.name() + "' is used by an earlier guardrail");
            }
            ConfigValidator.oneOf(at + ".type", g.type(), GuardrailSettings.TYPES, problem);
            ConfigValidator.oneOf(at + ".action", g.action(), GuardrailSettings.ACTIONS, problem);
            ConfigValidator.oneOf(at + ".on_error", g.onError(), GuardrailSettings.ON_ERROR, problem);
            places(at + ".on", g.on(), problem);
            entities(at + ".entities", g.entities(), problem);
            scope(at + ".applies_to", g.appliesTo(), problem);
            if (g.timeoutMs() <= 0 || g.timeoutMs() > MAX_TIMEOUT_MS) {
                problem.add(at + ".timeout_ms", "must be in 1.." + MAX_TIMEOUT_MS);
            }
            if (g.restore() && !("redact".equals(g.action()) && g.on().contains("input"))) {
                problem.add(at + ".restore", "needs action redact on input: only what was redacted can be restored");
            }
        }
    }

    private static void places(String at, List<String> on, ConfigValidator.Problems problem) {
        if (on.isEmpty()) {
            problem.add(at, "must name input, output or both");
        }
        for (int j = 0; j < on.size(); j++) {
            ConfigValidator.oneOf(at + "[" + j + "]", on.get(j), GuardrailSettings.PLACES, problem);
        }
        if (new HashSet<>(on).size() < on.size()) {
            problem.add(at, "names a place twice");
        }
    }

    private static void entities(String at, List<String> entities, ConfigValidator.Problems problem) {
        for (int j = 0; j < entities.size(); j++) {
            String entity = entities.get(j);
            if (entity == null || !ENTITY.matcher(entity).matches()) {
                problem.add(at + "[" + j + "]", "must be an entity type name such as email (a-z, 0-9, _)");
            }
        }
    }

    private static void scope(String at, AppliesTo scope, ConfigValidator.Problems problem) {
        blanks(at + ".workspaces", scope.workspaces(), problem);
        blanks(at + ".routes", scope.routes(), problem);
        blanks(at + ".models", scope.models(), problem);
    }

    private static void blanks(String at, List<String> values, ConfigValidator.Problems problem) {
        for (int j = 0; j < values.size(); j++) {
            if (values.get(j) == null || values.get(j).isBlank()) {
                problem.add(at + "[" + j + "]", "must not be blank (\"*\" means any)");
            }
        }
    }
}
