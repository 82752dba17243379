package io.keyroute.server.cli.litellm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a LiteLLM proxy {@code config.yaml} into a Keyroute config (see CONFIGURATION.md
 * "Coming from LiteLLM"): {@code model_list} → providers, routes and price overrides; the router's
 * settings → strategies, fallbacks, retries, circuit breaker, Redis; {@code general_settings.database_url}
 * → {@code database.url}. Everything else is listed in {@link Conversion#notCarried()}. No I/O but
 * reading the file; stateless and thread-safe.
 */
public final class LiteLlmImport {
    private static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .build();

    /** Whether {@code text} is a LiteLLM config: YAML whose top level has {@code model_list}. */
    public static boolean isLiteLlm(String text) {
        try {
            return MAPPER.readTree(text) instanceof com.fasterxml.jackson.databind.node.ObjectNode node
                    && node.has("model_list");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** @throws IllegalArgumentException when the file is not a LiteLLM config */
    public Conversion convert(Path file) {
        try {
            return convert(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when {@code text} is not a LiteLLM config */
    public Conversion convert(String text, String source) {
        Map<String, Object> file = parse(text, source);
        var notCarried = new ArrayList<NotCarried>();
        var router = new RouterSettings(Values.map(file.get("litellm_settings")), Values.map(file.get("router_settings")));
        var providers = new ProviderTable(router.timeoutMs(), notCarried);
        var models = new ModelListConverter(providers, notCarried);
        var groups = models.convert(Values.list(file.get("model_list")));
        var routes = new RouteConverter(groups, providers.ids(), models.incomplete(), router, notCarried);
        var secrets = new LinkedHashMap<String, String>();
        var reliability = new ReliabilityConverter(router, notCarried, secrets);
        var others = new OtherSettings(notCarried, secrets);

        var out = new LinkedHashMap<String, Object>();
        put(out, "database", others.general(Values.map(file.get("general_settings"))));
        put(out, "redis", reliability.redis());
        put(out, "providers", providers.entries());
        put(out, "routes", routes.routes());
        put(out, "aliases", routes.aliases());
        put(out, "models", models.models());
        put(out, "retry", reliability.retry());
        put(out, "circuit_breaker", reliability.circuitBreaker());
        others.report(router.others());
        others.reportSections(file);
        secrets.putAll(providers.inlineSecrets());
        try {
            return new Conversion(header(source) + MAPPER.writeValueAsString(out), notCarried, secrets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings, numbers and lists always serializes", e);
        }
    }

    private static Map<String, Object> parse(String text, String source) {
        Object parsed;
        try {
            parsed = MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not YAML (line " + e.getLocation().getLineNr() + ")");
        }
        if (!(parsed instanceof Map<?, ?>) || !((Map<?, ?>) parsed).containsKey("model_list")) {
            throw new IllegalArgumentException(source + ": not a LiteLLM config (no top-level model_list)");
        }
        return Values.map(parsed);
    }

    private static void put(Map<String, Object> out, String key, Object section) {
        boolean empty = section instanceof Map<?, ?> m ? m.isEmpty() : ((List<?>) section).isEmpty();
        if (!empty) {
            out.put(key, section);
        }
    }

    private static String header(String source) {
        return "# Converted from the LiteLLM config " + Path.of(source).getFileName()
                + " by `keyroute import litellm` (see CONFIGURATION.md, \"Coming from LiteLLM\").\n";
    }
}
