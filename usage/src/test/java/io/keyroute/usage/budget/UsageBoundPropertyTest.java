package io.keyroute.usage.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class UsageBoundPropertyTest {

    @Provide
    Arbitrary<Usage> reports() {
        Arbitrary<Long> tokens = Arbitraries.longs().between(0, 2_000_000_000L);
        return Combinators.combine(tokens, tokens, tokens, tokens, tokens, tokens).as(Usage::new);
    }

    @Provide
    Arbitrary<UsageBound> bounds() {
        return Combinators.combine(Arbitraries.longs().between(1, 2_000_000), Arbitraries.longs().between(1, 200_000))
                .as(UsageBound::new);
    }

    @Property
    void aClampedCountNeverPassesTheBoundAndItsPartsNeverPassTheirWhole(@ForAll("bounds") UsageBound bound,
                                                                          @ForAll("reports") Usage reported) {
        Usage clamped = bound.clamp(reported);

        assertThat(clamped.promptTokens()).isLessThanOrEqualTo(Math.min(bound.promptTokens(), reported.promptTokens()));
        assertThat(clamped.completionTokens())
                .isLessThanOrEqualTo(Math.min(bound.outputTokens(), reported.completionTokens()));
        assertThat(clamped.cachedTokens()).isLessThanOrEqualTo(clamped.promptTokens());
        assertThat(clamped.cacheWriteTokens()).isLessThanOrEqualTo(clamped.promptTokens());
        assertThat(clamped.cacheWrite1hTokens()).isLessThanOrEqualTo(clamped.cacheWriteTokens());
        assertThat(clamped.reasoningTokens()).isLessThanOrEqualTo(clamped.completionTokens());
    }

    @Property
    void aCountWithinTheBoundIsKeptAsReported(@ForAll("bounds") UsageBound bound, @ForAll("reports") Usage any) {
        long prompt = any.promptTokens() % (bound.promptTokens() + 1);
        long output = any.completionTokens() % (bound.outputTokens() + 1);
        var within = new Usage(prompt, output, any.cachedTokens() % (prompt + 1), any.reasoningTokens() % (output + 1));

        assertThat(bound.clamp(within)).isEqualTo(within);
    }

    @Property
    void anEstimateKeepsWhatWasReportedAndChargesTheOutputBound(@ForAll("bounds") UsageBound bound,
                                                                  @ForAll("reports") Usage reported) {
        Usage estimate = bound.estimate(reported);

        assertThat(estimate.promptTokens())
                .isEqualTo(reported.promptTokens() > 0 ? reported.promptTokens() : bound.promptTokens());
        assertThat(estimate.completionTokens())
                .isEqualTo(Math.max(reported.completionTokens(), bound.outputTokens()));
        assertThat(estimate.cachedTokens()).isEqualTo(reported.cachedTokens());
    }
}
