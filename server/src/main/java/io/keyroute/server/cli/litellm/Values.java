package io.keyroute.server.cli.litellm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reading LiteLLM's loosely typed YAML values, and writing them where Keyroute substitutes
 * {@code ${VAR}}. LiteLLM reads {@code os.environ/NAME} from the environment; Keyroute's
 * {@code ${NAME}} does the same.
 */
final class Values {
    static final String ENV_PREFIX = "os.environ/";

    private Values() {
    }

    /** {@code value} as Keyroute config text: an environment reference as {@code ${NAME}}, else literal. */
    static String configText(String value) {
        return envName(value).map(name -> "${" + name + "}").orElseGet(() -> value.replace("${", "$${"));
    }

    /** The variable {@code value} names when it is {@code os.environ/NAME}. */
    static Optional<String> envName(String value) {
        return value != null && value.startsWith(ENV_PREFIX) ? Optional.of(value.substring(ENV_PREFIX.length()).strip())
                : Optional.empty();
    }

    static Optional<String> text(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        String s = String.valueOf(value).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** A number, also written as a string ({@code "30"}); empty when absent or not a number. */
    static Optional<Double> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        try {
            return text(value).map(Double::valueOf);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** An environment variable name made of {@code parts}: {@code LITELLM_OPENAI_2_API_KEY}. */
    static String variableName(String... parts) {
        return ("LITELLM_" + String.join("_", parts)).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }
}
