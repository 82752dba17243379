package io.keyroute.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyroute.api.error.ClientError;
import io.keyroute.catalog.Target;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelResolverTest {
    private static final Target MINI = new Target("openai", "gpt-4o-mini");
    private static final Target GPT4O = new Target("openai", "gpt-4o");
    private static final Target HAIKU = new Target("anthropic", "claude-3-5-haiku-latest");
    private static final Target LLAMA_GROQ = new Target("groq", "llama-3.3-70b");
    private static final Target LLAMA_TOGETHER = new Target("together", "llama-3.3-70b");
    private static final Target OPENROUTER = new Target("openrouter", "meta-llama/llama-3-70b");
    /** A catalog model whose provider is not configured: it must not be resolvable or listed. */
    private static final Target UNCONFIGURED = new Target("gemini", "gemini-2.0-flash");

    private static final Route FAST = new Route("fast", "fallback", List.of(MINI, HAIKU), List.of(HAIKU, GPT4O, MINI));
    private static final Route SOLO = new Route("solo", "fallback", List.of(GPT4O), List.of());
    private static final Route SHADOW = new Route("openai/gpt-4o", "fallback", List.of(HAIKU), List.of());

    private final ModelResolver resolver = new ModelResolver(
            Set.of("openai", "anthropic", "groq", "together", "openrouter"),
            List.of(FAST, SOLO, SHADOW),
            Catalogs.of(MINI, GPT4O, HAIKU, LLAMA_GROQ, LLAMA_TOGETHER, OPENROUTER, UNCONFIGURED, MINI));

    private ClientError rejected(String model) {
        return catchThrowableOfType(ClientError.class, () -> resolver.resolve(model));
    }

    private Target model(String name) {
        return ((Resolution.ToModel) resolver.resolve(name)).target();
    }

    @Test
    void routeNameGivesTheRoute() {
        assertThat(resolver.resolve("fast")).isEqualTo(new Resolution.ToRoute(FAST));
        assertThat(resolver.resolve("solo")).isEqualTo(new Resolution.ToRoute(SOLO));
    }

    @Test
    void routeNameWinsOverProviderSlashModel() {
        assertThat(resolver.resolve("openai/gpt-4o")).isEqualTo(new Resolution.ToRoute(SHADOW));
    }

    @Test
    void providerSlashModelIsDirect() {
        assertThat(resolver.resolve("anthropic/claude-3-5-haiku-latest"))
                .isEqualTo(new Resolution.ToModel(HAIKU, "Requested anthropic/claude-3-5-haiku-latest directly"));
    }

    @Test
    void directModelNeedNotBeInTheCatalogAndMayContainSlashes() {
        assertThat(model("openai/ft:gpt-4o-mini:acme::abc")).isEqualTo(new Target("openai", "ft:gpt-4o-mini:acme::abc"));
        assertThat(model("openrouter/anthropic/claude-3.5-sonnet"))
                .isEqualTo(new Target("openrouter", "anthropic/claude-3.5-sonnet"));
    }

    @Test
    void uniqueBareCatalogName() {
        assertThat(resolver.resolve("gpt-4o-mini"))
                .isEqualTo(new Resolution.ToModel(MINI, "'gpt-4o-mini' is openai/gpt-4o-mini in the catalog"));
    }

    @Test
    void bareCatalogNameWithASlashWhosePrefixIsNoProvider() {
        assertThat(model("meta-llama/llama-3-70b")).isEqualTo(OPENROUTER);
    }

    @Test
    void ambiguousBareNameIsA400NamingTheChoices() {
        ClientError e = rejected("llama-3.3-70b");

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("ambiguous_model");
        assertThat(e.param()).contains("model");
        assertThat(e.getMessage()).contains("groq/llama-3.3-70b").contains("together/llama-3.3-70b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-5-ultra", "nope/gpt-4o", "gemini/gemini-2.0-flash", "gemini-2.0-flash",
            "openai/", "/gpt-4o", "FAST"})
    void unknownIsA404ModelNotFound(String model) {
        ClientError e = rejected(model);

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("model_not_found");
        assertThat(e.param()).contains("model");
        assertThat(e.getMessage()).contains("'" + model + "'");
    }

    @Test
    void aProvidersOwnSpellingIsTheCatalogModel() {
        Target pro = new Target("gemini", "gemini-2.5-pro");
        var withGemini = new ModelResolver(Set.of("gemini", "openai"), new ModelSpellings(Map.of("gemini", "models/")), List.of(),
                Catalogs.of(pro, MINI));

        assertThat(withGemini.resolve("gemini/models/gemini-2.5-pro")).isEqualTo(new Resolution.ToModel(pro,
                "Requested gemini/models/gemini-2.5-pro directly (gemini's spelling of gemini/gemini-2.5-pro)"));
        assertThat(((Resolution.ToModel) withGemini.resolve("models/gemini-2.5-pro")).target()).isEqualTo(pro);
        assertThat(((Resolution.ToModel) withGemini.resolve("gemini/gemini-2.5-pro")).target()).isEqualTo(pro);
        // Only the provider whose API spells it so: OpenAI's "models/…" stays as asked.
        assertThat(((Resolution.ToModel) withGemini.resolve("openai/models/gpt-4o-mini")).target())
                .isEqualTo(new Target("openai", "models/gpt-4o-mini"));
        assertThat(new ModelSpellings(Map.of("gemini", "models/")).canonical(new Target("gemini", "models/")))
                .isEqualTo(new Target("gemini", "models/"));
    }

    @Test
    void listedModelsAreRoutesThenConfiguredCatalogModelsSorted() {
        assertThat(resolver.listedModels()).containsExactly(
                "fast", "openai/gpt-4o", "solo",
                "anthropic/claude-3-5-haiku-latest", "groq/llama-3.3-70b", "openai/gpt-4o-mini",
                "openrouter/meta-llama/llama-3-70b", "together/llama-3.3-70b");
    }

    @Test
    void anAliasStandsForItsRouteOrModelBeforeAnyBareCatalogName() {
        var aliased = new ModelResolver(Set.of("openai", "anthropic"), ModelSpellings.NONE, List.of(FAST),
                Catalogs.of(MINI, GPT4O, HAIKU),
                Map.of("claude-3-5-haiku-latest", "openai/gpt-4o", "claude-sonnet-4-5", "fast"));

        assertThat(aliased.resolve("claude-sonnet-4-5")).isEqualTo(new Resolution.ToRoute(FAST));
        assertThat(aliased.resolve("claude-3-5-haiku-latest")).as("the alias wins over the catalog's bare name")
                .isEqualTo(new Resolution.ToModel(GPT4O, "'claude-3-5-haiku-latest' is an alias of openai/gpt-4o"));
        assertThat(aliased.resolve("anthropic/claude-3-5-haiku-latest")).isEqualTo(new Resolution.ToModel(HAIKU,
                "Requested anthropic/claude-3-5-haiku-latest directly"));
        assertThat(aliased.listedModels()).containsExactly("fast", "claude-3-5-haiku-latest", "claude-sonnet-4-5",
                "anthropic/claude-3-5-haiku-latest", "openai/gpt-4o", "openai/gpt-4o-mini");
    }
}
