package io.keyroute.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a model can do that a request may need. {@code JSON_MODE} means native {@code response_format};
 * {@code PDF} means PDF documents in the prompt (inline or by URL).
 */
public enum Capability {
    TOOLS, VISION, JSON_MODE, STREAMING, EMBEDDINGS, REASONING, PDF;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Capability> fromConfig(String name) {
        for (Capability capability : values()) {
            if (capability.configName().equals(name)) {
                return Optional.of(capability);
            }
        }
        return Optional.empty();
    }

    /** Every config spelling, in declaration order: what a config may write. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(Capability::configName).toList();
    }
}
