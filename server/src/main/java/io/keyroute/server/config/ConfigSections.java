package io.keyroute.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Secrets;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The config's run-time sections: those the database may hold in place of the file's (whole-section
 * override). The others ({@code server}, {@code database}, {@code redis}, {@code security},
 * {@code metrics}, {@code telemetry}, {@code circuit_breaker}, {@code responses}, {@code alerts},
 * {@code a2a}) are the file's only: they are needed to reach the database, take effect at a restart,
 * guard the gateway itself, or hold secrets in values a stored text would keep in clear.
 *
 * <p>A stored section keeps no secret: a value under a secret's name ({@code api_key},
 * {@code client_secret}, {@code token}, …, any header) must be a {@code ${VAR}} reference, and no
 * other value may look like a key. What is shown of a section masks the same values.
 */
public final class ConfigSections {
    /** In the order the file's documentation lists them. */
    public static final List<String> RUNTIME = List.of("providers", "models", "routes", "aliases", "retry", "plans",
            "policies", "guardrails", "cache", "experiments", "mcp");
    private static final Pattern SECRET_NAME = Pattern.compile("api_key|apikey|.*secret|.*token|password|authorization");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-)?}");
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final String MASK = "***";
    private static final ObjectMapper SHOWN = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private ConfigSections() {
    }

    public static boolean isRuntime(String section) {
        return RUNTIME.contains(section);
    }

    /**
     * What is wrong with {@code raw}, a stored section's text read as YAML before {@code ${VAR}}
     * substitution: anything but exactly its one top-level key, or a secret written in clear.
     */
    static List<String> problems(String section, JsonNode raw, String source) {
        var problems = new ArrayList<String>();
        if (!isRuntime(section)) {
            problems.add(source + ": not a section the database may hold (those are: " + String.join(", ", RUNTIME) + ")");
            return problems;
        }
        if (raw == null || !raw.isObject() || raw.size() != 1 || !raw.has(section)) {
            problems.add(source + ": must hold exactly one top-level key, '" + section + ":' (as in the file)");
            return problems;
        }
        literalSecrets(raw.get(section), section, false, problems, source);
        return problems;
    }

    private static void literalSecrets(JsonNode node, String path, boolean secret, List<String> problems, String source) {
        if (node.isObject()) {
            node.properties().forEach(e -> literalSecrets(e.getValue(), path + "." + e.getKey(),
                    secret || isSecretName(e.getKey()) || "headers".equals(e.getKey()), problems, source));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                literalSecrets(node.get(i), path + "[" + i + "]", secret, problems, source);
            }
        } else if (node.isTextual() && !REFERENCE.matcher(node.asText()).matches()
                && (secret || !Secrets.scrub(node.asText()).equals(node.asText()))) {
            problems.add(source + ": " + path + ": a secret is not kept in the database: write a ${VAR} reference"
                    + " (the variable set on every replica) or store the key as a credential");
        }
    }

    /** The run-time sections of {@code config} as JSON (snake_case keys, as in the file), secrets masked. */
    public static ObjectNode shown(KeyrouteConfig config) {
        JsonNode whole = SHOWN.valueToTree(config);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        RUNTIME.forEach(section -> out.set(section, masked(whole.path(section))));
        return out;
    }

    /**
     * {@code tree} (a section as JSON) with every value under a secret's name masked, and anything
     * else shaped like a key or a URL's user info scrubbed: the effective config as shown.
     */
    public static JsonNode masked(JsonNode tree) {
        return masked(tree, false);
    }

    private static JsonNode masked(JsonNode node, boolean secret) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> out.set(e.getKey(),
                    masked(e.getValue(), secret || isSecretName(e.getKey()) || "headers".equals(e.getKey()))));
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(masked(item, secret)));
            return out;
        }
        if (node.isTextual()) {
            String text = node.asText();
            return JsonNodeFactory.instance.textNode(secret && !REFERENCE.matcher(text).matches() ? MASK
                    : Secrets.scrub(Redaction.url(text)));
        }
        return node;
    }

    private static boolean isSecretName(String key) {
        return SECRET_NAME.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    /** {@code base} with {@code from}'s {@code section} in place of its own, every other section kept. */
    static KeyrouteConfig overlay(KeyrouteConfig base, KeyrouteConfig from, String section) {
        RecordComponent[] components = KeyrouteConfig.class.getRecordComponents();
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                boolean replaced = SNAKE.translate(components[i].getName()).equals(section);
                values[i] = components[i].getAccessor().invoke(replaced ? from : base);
            }
            return KeyrouteConfig.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild KeyrouteConfig", e instanceof InvocationTargetException t
                    ? t.getCause() : e);
        }
    }
}
