package io.keyroute.server.guardrails;

import io.keyroute.server.config.KeyrouteConfig.GuardrailSettings;

/** Makes a type's {@link Guardrail} from its settings, once per config version. */
@FunctionalInterface
public interface GuardrailFactory {
    /**
     * @throws IllegalArgumentException when the settings are not this type's (an unknown entity, a missing
     *         option), its message naming the field and never quoting a secret; the config is then refused
     */
    Guardrail create(GuardrailSettings settings);
}
