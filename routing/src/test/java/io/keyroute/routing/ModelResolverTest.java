package io.keyroute.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyroute.api.error.ClientError;
import java.util.List;
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

    private final ModelResolver resolver = new ModelResolver(
            Set.of("openai", "anthropic", "groq", "together", "openrouter"),
            List.of(new Route("fast", "fallback", List.of(MINI, HAIKU), List.of(HAIKU, GPT4O, MINI)),
                    new Route("solo", "fallback", List.of(GPT4O), List.of()),
                    new Route("openai/gpt-4o", "fallback", List.of(HAIKU), List.of())),
            List.of(MINI, GPT4O, HAIKU, LLAMA_GROQ, LLAMA_TOGETHER, OPENROUTER, UNCONFIGURED, MINI));

    private ClientError rejected(String model) {
        return catchThrowableOfType(ClientError.class, () -> resolver.resolve(model));
    }

    @Test
    void routeGivesCandidatesThenFallbacksDeduplicatedInOrder() {
        RoutePlan plan = resolver.resolve("fast");

        assertThat(plan.targets()).containsExactly(MINI, HAIKU, GPT4O);
        assertThat(plan.reason()).isEqualTo("Route 'fast' (fallback): candidates in configured order, fallbacks last.");
    }

    @Test
    void routeWithOneCandidate() {
        RoutePlan plan = resolver.resolve("solo");

        assertThat(plan.targets()).containsExactly(GPT4O);
        assertThat(plan.reason()).isEqualTo("Route 'solo' (fallback): its only candidate.");
    }

    @Test
    void routeNameWinsOverProviderSlashModel() {
        assertThat(resolver.resolve("openai/gpt-4o").targets()).containsExactly(HAIKU);
    }

    @Test
    void providerSlashModelIsDirect() {
        RoutePlan plan = resolver.resolve("anthropic/claude-3-5-haiku-latest");

        assertThat(plan.targets()).containsExactly(HAIKU);
        assertThat(plan.reason()).isEqualTo("Requested anthropic/claude-3-5-haiku-latest directly.");
    }

    @Test
    void directModelNeedNotBeInTheCatalogAndMayContainSlashes() {
        assertThat(resolver.resolve("openai/ft:gpt-4o-mini:acme::abc").targets())
                .containsExactly(new Target("openai", "ft:gpt-4o-mini:acme::abc"));
        assertThat(resolver.resolve("openrouter/anthropic/claude-3.5-sonnet").targets())
                .containsExactly(new Target("openrouter", "anthropic/claude-3.5-sonnet"));
    }

    @Test
    void uniqueBareCatalogName() {
        RoutePlan plan = resolver.resolve("gpt-4o-mini");

        assertThat(plan.targets()).containsExactly(MINI);
        assertThat(plan.reason()).isEqualTo("'gpt-4o-mini' is openai/gpt-4o-mini in the catalog.");
    }

    @Test
    void bareCatalogNameWithASlashWhosePrefixIsNoProvider() {
        assertThat(resolver.resolve("meta-llama/llama-3-70b").targets()).containsExactly(OPENROUTER);
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
    void listedModelsAreRoutesThenConfiguredCatalogModelsSorted() {
        assertThat(resolver.listedModels()).containsExactly(
                "fast", "openai/gpt-4o", "solo",
                "anthropic/claude-3-5-haiku-latest", "groq/llama-3.3-70b", "openai/gpt-4o-mini",
                "openrouter/meta-llama/llama-3-70b", "together/llama-3.3-70b");
    }
}
