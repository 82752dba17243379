package io.keyroute.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    private final ModelCatalog builtIn = ModelCatalog.builtIn();

    @Test
    void builtInCoversTheFourProvidersEachPriceWithItsSourceAndDate() {
        assertThat(builtIn.version()).isNotBlank();
        Set<String> providers = builtIn.all().stream().map(m -> m.target().providerId()).collect(Collectors.toSet());
        assertThat(providers).containsExactlyInAnyOrder("openai", "anthropic", "gemini", "deepseek");
        assertThat(builtIn.all()).allSatisfy(m -> {
            assertThat(m.priceSource()).startsWith("https://github.com/Portkey-AI/models/blob/");
            assertThat(m.priceChecked()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(m.contextWindow()).isPositive();
            assertThat(m.inputUsdPerMtok()).isPositive();
        });
    }

    @Test
    void builtInFactsAsPublished() {
        ModelInfo mini = builtIn.find(Target.parse("openai/gpt-4o-mini")).orElseThrow();
        assertThat(mini.inputUsdPerMtok()).isEqualTo(0.15);
        assertThat(mini.outputUsdPerMtok()).isEqualTo(0.60);
        assertThat(mini.cachedInputUsdPerMtok()).isEqualTo(0.075);
        assertThat(mini.tier()).isEqualTo(Tier.BUDGET);
        assertThat(mini.capabilities()).contains(Capability.TOOLS, Capability.VISION, Capability.JSON_MODE);

        ModelInfo sonnet = builtIn.find(Target.parse("anthropic/claude-sonnet-4-5")).orElseThrow();
        assertThat(sonnet.outputUsdPerMtok()).isEqualTo(15.0);
        assertThat(sonnet.maxOutputTokens()).isEqualTo(64_000);
        assertThat(sonnet.has(Capability.REASONING)).isTrue();
        assertThat(builtIn.find(Target.parse("gemini/gemini-2.5-flash"))).isPresent();
        assertThat(builtIn.find(Target.parse("deepseek/deepseek-chat")).orElseThrow().cachedInputUsdPerMtok()).isEqualTo(0.028);
    }

    @Test
    void configOverridesFieldByFieldAndWins() {
        var merged = builtIn.withOverrides(List.of(new ModelOverride("deepseek/deepseek-chat", 0.27, 1.10, null, null, null,
                65_536, null, null, List.of("tools", "streaming"))));

        ModelInfo chat = merged.find(Target.parse("deepseek/deepseek-chat")).orElseThrow();
        assertThat(chat.inputUsdPerMtok()).isEqualTo(0.27);
        assertThat(chat.outputUsdPerMtok()).isEqualTo(1.10);
        assertThat(chat.contextWindow()).isEqualTo(65_536);
        assertThat(chat.cachedInputUsdPerMtok()).as("kept from the built-in").isEqualTo(0.028);
        assertThat(chat.tier()).isEqualTo(Tier.BUDGET);
        assertThat(chat.capabilities()).containsExactlyInAnyOrder(Capability.TOOLS, Capability.STREAMING);
        assertThat(chat.priceSource()).isEqualTo("config");
        assertThat(merged.all()).hasSameSizeAs(builtIn.all());
    }

    @Test
    void overrideWithoutPricesKeepsTheSource() {
        var merged = builtIn.withOverrides(List.of(new ModelOverride("openai/gpt-4o", null, null, null, null, null, null, null,
                "premium", null)));

        ModelInfo gpt4o = merged.find(Target.parse("openai/gpt-4o")).orElseThrow();
        assertThat(gpt4o.tier()).isEqualTo(Tier.PREMIUM);
        assertThat(gpt4o.priceSource()).startsWith("https://");
    }

    @Test
    void newModelsAreAddedWithWhatTheConfigGives() {
        var merged = builtIn.withOverrides(List.of(
                new ModelOverride("groq/llama-3.3-70b", 0.59, 0.79, null, null, null, 131_072, 32_768, "mid", List.of("tools")),
                new ModelOverride("local/llama", null, null, null, null, null, null, null, null, null)));

        assertThat(merged.find(Target.parse("groq/llama-3.3-70b")).orElseThrow().tier()).isEqualTo(Tier.MID);
        ModelInfo local = merged.find(Target.parse("local/llama")).orElseThrow();
        assertThat(local.tier()).isNull();
        assertThat(local.contextWindow()).isNull();
        assertThat(local.costUsd(1000, 1000)).as("unpriced, not free").isEmpty();
    }

    @Test
    void costIsPerMillionTokens() {
        ModelInfo mini = builtIn.find(Target.parse("openai/gpt-4o-mini")).orElseThrow();
        assertThat(mini.costUsd(1_000_000, 1_000_000)).hasValue(0.75);
        assertThat(mini.costUsd(2_000, 500).getAsDouble()).isCloseTo(0.0006, org.assertj.core.data.Offset.offset(1e-12));
    }
}
