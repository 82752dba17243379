package io.keyroute.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a config: text → {@code ${VAR}} substitution → YAML (snake_case keys, unknown keys are
 * errors) → environment overrides → the built-in providers a file does not mention →
 * {@link ConfigValidator}. The environment is passed in, never read here, so tests and reloads
 * see exactly the map the caller chose. Thread-safe.
 */
public final class ConfigLoader {
    /** What messages call the embedded defaults, in place of a file name. */
    public static final String DEFAULTS_SOURCE = "embedded defaults";
    /** What messages call the config with the database's sections in it (and a section: "… routes"). */
    public static final String SECTIONS_SOURCE = "database config";
    private static final String CONFIG_ENV = "KEYROUTE_CONFIG";
    private static final String DEFAULTS_RESOURCE = "defaults.yaml";

    private final Map<String, String> env;
    private final VariableSubstitution substitution;
    private final EnvironmentOverrides overrides;
    private final ConfigValidator validator;
    private final List<ProviderSettings> builtInProviders;
    private final YAMLMapper mapper = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** @param env the process environment ({@code System.getenv()}) or a test's map */
    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.substitution = new VariableSubstitution(env);
        this.overrides = new EnvironmentOverrides(env);
        this.validator = new ConfigValidator();
        this.builtInProviders = parse(defaultsText(), DEFAULTS_SOURCE).providers();
    }

    /** The file to use: the command line's {@code --config}, else {@code KEYROUTE_CONFIG}, else none. */
    public Optional<Path> configFile(Optional<Path> fromCommandLine) {
        if (fromCommandLine.isPresent()) {
            return fromCommandLine;
        }
        String fromEnv = env.get(CONFIG_ENV);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv.strip()));
    }

    /** {@code file} when given, else the embedded defaults. */
    public KeyrouteConfig load(Optional<Path> file) {
        return file.map(this::load).orElseGet(this::loadDefaults);
    }

    /** A validated config from {@code file}; {@link ConfigException} lists every problem. */
    public KeyrouteConfig load(Path file) {
        return load(read(file), file.toString());
    }

    /** A validated config from the embedded defaults (used when no file is given). */
    public KeyrouteConfig loadDefaults() {
        return validated(parse(defaultsText(), DEFAULTS_SOURCE), DEFAULTS_SOURCE);
    }

    /** {@code text} as if read from a file named {@code source} (a converted LiteLLM config). */
    public KeyrouteConfig load(String text, String source) {
        return validated(withBuiltInProviders(parse(text, source)), source);
    }

    /**
     * {@code base} (a loaded config: the file's, or the embedded defaults) with each of {@code sections}
     * in place of its own section of that name, validated whole. A section's text is written as in
     * the file ({@code routes:} and what follows), {@code ${VAR}} references resolved from this
     * loader's environment; {@link ConfigException} names the section in each problem.
     *
     * @param sections run-time section name ({@link ConfigSections#RUNTIME}) to its stored text
     */
    public KeyrouteConfig withSections(KeyrouteConfig base, Map<String, String> sections) {
        KeyrouteConfig merged = base;
        var problems = new ArrayList<String>();
        for (var section : new TreeMap<>(sections).entrySet()) {
            String source = SECTIONS_SOURCE + " " + section.getKey();
            try {
                List<String> found = ConfigSections.problems(section.getKey(), rawTree(section.getValue(), source), source);
                if (found.isEmpty()) {
                    merged = ConfigSections.overlay(merged, parse(section.getValue(), source), section.getKey());
                }
                problems.addAll(found);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return sections.isEmpty() ? base : validated(withBuiltInProviders(merged), SECTIONS_SOURCE);
    }

    /** {@code text} as YAML, {@code ${VAR}} references left as they are written. */
    private JsonNode rawTree(String text, String source) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(ParseErrors.describe(e, source, text, mapper.getFactory()));
        }
    }

    private KeyrouteConfig validated(KeyrouteConfig parsed, String source) {
        var config = overrides.apply(parsed);
        var problems = validator.validate(config, source);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private KeyrouteConfig parse(String text, String source) {
        String substituted = substitution.apply(text, source);
        try (var parser = mapper.createParser(substituted)) {
            if (parser.nextToken() == null) {
                return new KeyrouteConfig(null, null, null, null, null, null, null, null, null);
            }
            return mapper.readValue(parser, KeyrouteConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(ParseErrors.describe(e, source, substituted, mapper.getFactory()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does no I/O
        }
    }

    /**
     * The four public providers are always known, so routes and stored user credentials can name
     * them without the file repeating them; a file entry with the same id replaces one. File
     * entries come first so that validation messages keep the file's indices.
     */
    private KeyrouteConfig withBuiltInProviders(KeyrouteConfig config) {
        var providers = new ArrayList<>(config.providers());
        var ids = new HashSet<String>();
        providers.forEach(p -> ids.add(p.id()));
        for (ProviderSettings builtIn : builtInProviders) {
            if (!ids.contains(builtIn.id())) {
                providers.add(builtIn);
            }
        }
        return config.withProviders(providers, config.models());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found");
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not valid UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String defaultsText() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE + " (broken build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
