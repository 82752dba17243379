package io.keyroute.routing;

import io.keyroute.catalog.Target;
import java.util.Map;

/**
 * How providers spell catalog models in their own APIs: Gemini's {@code models/gemini-2.5-pro} is
 * the catalog's {@code gemini/gemini-2.5-pro}, routed, priced and metered as it.
 *
 * @param prefixes by provider id, what that provider's API puts before its model names; providers
 *                 without one are absent
 */
public record ModelSpellings(Map<String, String> prefixes) {
    public static final ModelSpellings NONE = new ModelSpellings(Map.of());

    public ModelSpellings {
        prefixes = Map.copyOf(prefixes);
    }

    /** {@code target} with its provider's own prefix dropped: {@code gemini/models/x} is {@code gemini/x}. */
    public Target canonical(Target target) {
        String prefix = prefixes.get(target.providerId());
        String model = target.upstreamModel();
        if (prefix == null || !model.startsWith(prefix) || model.length() == prefix.length()) {
            return target;
        }
        return new Target(target.providerId(), model.substring(prefix.length()));
    }
}
