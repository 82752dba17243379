package io.keyroute.server.guardrails;

import io.keyroute.guardrails.pii.PiiDetectors;
import io.keyroute.server.guardrails.detectors.DetectorTypes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The guardrail types a config may name ({@code type:}), each with the factory that makes it. A new
 * type is one line in {@link #builtIn}; a test adds its own with {@link #with}.
 */
public final class GuardrailTypes {
    private final Map<String, GuardrailFactory> factories;

    private GuardrailTypes(Map<String, GuardrailFactory> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** The types this build has. */
    public static GuardrailTypes builtIn() {
        return new GuardrailTypes(Map.of(
                "pii", settings -> Guardrail.of(PiiDetectors.forEntities(
                        settings.entities().isEmpty() ? PiiDetectors.entityTypes() : settings.entities())),
                "secrets", s -> Guardrail.of(DetectorTypes.secrets(s.name(), s.entities(), s.options())),
                "prompt_injection", s -> Guardrail.of(DetectorTypes.promptInjection(s.name(), s.options())),
                "deny_list", s -> Guardrail.of(DetectorTypes.denyList(s.name(), s.on(), s.options())),
                "http", s -> Guardrail.remote(DetectorTypes.http(s.name(), s.timeoutMs(), s.options())),
                "presidio", s -> Guardrail.remote(DetectorTypes.presidio(s.name(), s.entities(), s.timeoutMs(), s.options()))));
    }

    /** These types and {@code type}, made by {@code factory} (replacing a built-in one of that name). */
    public GuardrailTypes with(String type, GuardrailFactory factory) {
        Map<String, GuardrailFactory> more = new HashMap<>(factories);
        more.put(type, factory);
        return new GuardrailTypes(more);
    }

    Optional<GuardrailFactory> find(String type) {
        return Optional.ofNullable(factories.get(type));
    }
}
