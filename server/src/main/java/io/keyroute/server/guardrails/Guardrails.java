package io.keyroute.server.guardrails;

import io.keyroute.server.config.ConfigException;
import io.keyroute.server.config.KeyrouteConfig.GuardrailSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The configured guardrails of one config version, in order, made by their types' factories; a request
 * {@link #start starts} a {@link GuardrailRun} over those whose scope it is in. With none configured a
 * request pays one check for emptiness.
 */
public final class Guardrails {
    public static final Guardrails NONE = new Guardrails(List.of());

    private final List<GuardrailStep> steps;

    private Guardrails(List<GuardrailStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * @throws ConfigException when a type is not in {@code types} or its factory refuses its settings,
     *         naming the guardrail by index and name
     */
    public static Guardrails build(List<GuardrailSettings> configured, GuardrailTypes types) {
        if (configured.isEmpty()) {
            return NONE;
        }
        List<GuardrailStep> steps = new ArrayList<>(configured.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            GuardrailSettings settings = configured.get(i);
            String at = "guardrails[" + i + "] '" + settings.name() + "'";
            var factory = types.find(settings.type());
            if (factory.isEmpty()) {
                problems.add(at + ": type '" + settings.type() + "' is not available in this build");
                continue;
            }
            try {
                steps.add(new GuardrailStep(settings, factory.get().create(settings)));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Guardrails(steps);
    }

    public boolean none() {
        return steps.isEmpty();
    }

    /**
     * The run of the steps that check this request, or null when none does.
     *
     * @param workspace the caller's workspace id, or null
     * @param route     the route the model named, or null
     * @param models    the model asked for and every {@code provider/model} its plan may call (read only when a
     *                  step is scoped by model)
     */
    public GuardrailRun start(String workspace, String route, Supplier<Collection<String>> models,
                              GuardrailEvents events) {
        List<GuardrailStep> applying = null;
        Collection<String> planModels = null;
        for (GuardrailStep step : steps) {
            if (planModels == null && step.scopedByModel()) {
                planModels = models.get();
            }
            if (step.appliesTo(workspace, route, planModels == null ? List.of() : planModels)) {
                if (applying == null) {
                    applying = new ArrayList<>(steps.size());
                }
                applying.add(step);
            }
        }
        return applying == null ? null : new GuardrailRun(applying, new StepCalls(events), events);
    }
}
