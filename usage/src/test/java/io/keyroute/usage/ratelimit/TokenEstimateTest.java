package io.keyroute.usage.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.catalog.Needs;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenEstimateTest {

    @Test
    void theOutputAskedForIsChargedInFull() {
        assertThat(TokenEstimate.of(needs(100, 4000), 1000)).isEqualTo(4100);
    }

    @Test
    void withoutAnOutputLimitTheDefaultOutputIsCharged() {
        assertThat(TokenEstimate.of(needs(100, 0), 100_000)).isEqualTo(100 + Needs.DEFAULT_OUTPUT_TOKENS);
    }

    @Test
    void withoutAnOutputLimitTheChargeIsCappedAtTheLimit() {
        assertThat(TokenEstimate.of(needs(100, 0), 300)).isEqualTo(300);
        assertThat(TokenEstimate.of(needs(400, 0), 300)).isEqualTo(400); // the prompt alone is too large
    }

    private static Needs needs(int prompt, int requested) {
        return new Needs(Set.of(), prompt, requested, requested > 0 ? requested : Needs.DEFAULT_OUTPUT_TOKENS);
    }
}
