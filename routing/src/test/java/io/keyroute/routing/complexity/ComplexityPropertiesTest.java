package io.keyroute.routing.complexity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ComplexityPropertiesTest {

    /** More of any feature never makes a request simpler. */
    @Property(tries = 2000)
    void moreOfAnyFeatureNeverLowersTheLevel(@ForAll("features") RequestFeatures f,
                                             @ForAll @IntRange(min = 0, max = 7) int which,
                                             @ForAll @IntRange(min = 1, max = 50_000) int more) {
        Classification before = ComplexityClassifier.score(f);
        Classification after = ComplexityClassifier.score(grow(f, which, more));

        assertThat(after.complexity()).isGreaterThanOrEqualTo(before.complexity());
        assertThat(after.score()).isGreaterThanOrEqualTo(before.score());
    }

    @Property(tries = 500)
    void decidingFeaturesExplainTheScore(@ForAll("features") RequestFeatures f) {
        Classification c = ComplexityClassifier.score(f);

        assertThat(c.deciding().isEmpty()).isEqualTo(c.score() == 0);
        assertThat(c.deciding().size()).isLessThanOrEqualTo(c.score());
    }

    @Provide
    Arbitrary<RequestFeatures> features() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 20);
        return Combinators.combine(Arbitraries.integers().between(0, 100_000), small, small, small, small, small, small,
                Arbitraries.integers().between(0, 40_000)).as(RequestFeatures::new);
    }

    private static RequestFeatures grow(RequestFeatures f, int which, int more) {
        return new RequestFeatures(
                f.promptTokens() + (which == 0 ? more : 0),
                f.turns() + (which == 1 ? more : 0),
                f.codeBlocks() + (which == 2 ? more : 0),
                f.mathSignals() + (which == 3 ? more : 0),
                f.reasoningCues() + (which == 4 ? more : 0),
                f.tools() + (which == 5 ? more : 0),
                f.images() + (which == 6 ? more : 0),
                f.requestedOutputTokens() + (which == 7 ? more : 0));
    }
}
