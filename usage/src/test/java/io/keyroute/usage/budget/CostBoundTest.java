package io.keyroute.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.routing.Target;
import io.keyroute.routing.catalog.Capability;
import io.keyroute.routing.catalog.ModelInfo;
import io.keyroute.routing.catalog.Tier;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostBoundTest {
    static final ModelInfo MINI = model("openai/gpt-4o-mini", 0.15, 0.60, 128_000, 16_384, Set.of());
    /** Anthropic's prices: cache reads at 0.1×, writes at 1.25× (5 minutes) and 2× (one hour) the input. */
    static final ModelInfo SONNET = new ModelInfo(Target.parse("anthropic/claude-sonnet-4-5"), 3.0, 15.0, 0.3, 3.75, 6.0,
            200_000, 64_000, Tier.PREMIUM, Set.of(), "test", null);
    private static final ModelInfo EMBED = model("openai/text-embedding-3-small", 0.02, 0.0, 8_191, null,
            Set.of(Capability.EMBEDDINGS));
    private static final ModelInfo UNPRICED = model("local/llama", null, null, 8_000, 4_000, Set.of());

    private static ModelInfo model(String id, Double in, Double out, Integer window, Integer maxOut, Set<Capability> caps) {
        return new ModelInfo(Target.parse(id), in, out, null, null, null, window, maxOut, Tier.BUDGET, caps, "test", null);
    }

    @Test
    void reservesForTheDearestTargetWithTheCallersOutputLimit() {
        long prompt = CostBound.promptTokens(4_000, 0); // 5,000 with the provider's allowance
        // sonnet: 5,000 × 6 (a one-hour cache write, its dearest input) + 1,000 × 15 = 45,000 µ$;
        // mini: 5,000 × 0.15 + 1,000 × 0.6 = 1,350 µ$
        assertThat(CostBound.maxMicros(List.of(MINI, SONNET, UNPRICED), prompt, 1_000)).isEqualTo(45_000);
        assertThat(CostBound.maxMicros(List.of(MINI), prompt, 1_000)).isEqualTo(1_350);
    }

    @Test
    void withoutACallerLimitTheModelsMaximumOutputIsReserved() {
        // 1,000 × 0.15 + 16,384 × 0.6 = 9,980.4 → 9,981 (rounded up: a bound)
        assertThat(CostBound.maxMicros(List.of(MINI), 1_000, 0)).isEqualTo(9_981);
    }

    @Test
    void imagesAddTheirAllowanceAndAChatPromptIsCappedAtTheContextWindow() {
        assertThat(CostBound.promptTokens(100, 2)).isEqualTo(100 + 2 * CostBound.TOKENS_PER_IMAGE + CostBound.PROVIDER_PROMPT_TOKENS);
        // 128,000 × 0.15 + 10 × 0.6 = 19,206
        assertThat(CostBound.maxMicros(List.of(MINI), 10_000_000, 10)).isEqualTo(19_206);
        // embeddings: many inputs may each fill the window, and nothing is output
        assertThat(CostBound.maxMicros(List.of(EMBED), 1_000_000, 0)).isEqualTo(20_000);
    }

    @Test
    void unpricedModelsReserveNothing() {
        assertThat(CostBound.maxMicros(List.of(UNPRICED), 1_000, 100)).isZero();
    }
}
