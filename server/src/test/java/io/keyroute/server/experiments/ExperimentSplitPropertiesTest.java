package io.keyroute.server.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.catalog.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The sticky split: a caller keeps their arm while the experiment is unchanged, and many callers split by weight. */
class ExperimentSplitPropertiesTest {
    private static Experiment experiment(String name, List<Integer> weights) {
        List<Experiment.Arm> arms = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            arms.add(new Experiment.Arm("p/m" + i, new Target("p", "m" + i), weights.get(i)));
        }
        return new Experiment(name, "auto", arms);
    }

    @Property
    void theSameCallerAlwaysLandsOnTheSameArm(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String name,
                                              @ForAll @Size(min = 2, max = 6) List<@IntRange(min = 1, max = 100) Integer> weights,
                                              @ForAll @StringLength(max = 40) String user) {
        Experiment.Arm first = experiment(name, weights).assign(user);
        // A new Experiment, as after a config reload or on another replica: the same arm.
        for (int i = 0; i < 3; i++) {
            assertThat(experiment(name, weights).assign(user)).isEqualTo(first);
        }
    }

    @Property(tries = 20)
    void overManyCallersTheSplitConvergesToTheWeights(
            @ForAll @AlphaChars @StringLength(min = 1, max = 20) String name,
            @ForAll @Size(min = 2, max = 4) List<@IntRange(min = 1, max = 10) Integer> weights) {
        Experiment experiment = experiment(name, weights);
        int callers = 20_000;
        Map<String, Integer> landed = new HashMap<>();
        for (int u = 0; u < callers; u++) {
            landed.merge(experiment.assign("user_" + u).model(), 1, Integer::sum);
        }
        double total = weights.stream().mapToInt(Integer::intValue).sum();
        for (int i = 0; i < weights.size(); i++) {
            double expected = weights.get(i) / total;
            double share = landed.getOrDefault("p/m" + i, 0) / (double) callers;
            // Five binomial standard deviations: a fair split fails this about once in 3.5 million arms.
            double sd = Math.sqrt(expected * (1 - expected) / callers);
            assertThat(share).as("arm %d of weights %s", i, weights).isCloseTo(expected,
                    org.assertj.core.data.Offset.offset(5 * sd));
        }
    }
}
