package io.keyroute.routing.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrategiesTest {

    @Test
    void everyConfigNameNamesAStrategyInAnyCase() {
        assertThat(Strategies.configNames()).containsExactly("complexity", "cost", "latency", "weighted", "fallback");
        assertThat(Strategies.configNames()).allSatisfy(name -> {
            assertThat(Strategies.named(name)).isPresent();
            assertThat(Strategies.named(name.toUpperCase())).isPresent();
        });
        assertThat(Strategies.named("random")).isEmpty();
    }
}
