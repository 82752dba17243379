package io.keyroute.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.canonical.Thinking;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ThinkingBudgetsTest {

    @Test
    void eachEffortHasItsBudget() {
        assertThat(ThinkingBudgets.budget(Thinking.ofEffort("none"))).isZero();
        assertThat(ThinkingBudgets.budget(Thinking.ofEffort("minimal"))).isEqualTo(1024);
        assertThat(ThinkingBudgets.budget(Thinking.ofEffort("low"))).isEqualTo(2048);
        assertThat(ThinkingBudgets.budget(Thinking.ofEffort("medium"))).isEqualTo(8192);
        assertThat(ThinkingBudgets.budget(Thinking.ofEffort("high"))).isEqualTo(24576);
        assertThat(ThinkingBudgets.budget(Thinking.ofEffort("xhigh"))).isEqualTo(32768);
    }

    @Test
    void anUnknownEffortAndAdaptiveThinkingAreMedium() {
        assertThat(ThinkingBudgets.budget(Thinking.ofEffort("ultra"))).isEqualTo(8192);
        assertThat(ThinkingBudgets.budget(new Thinking(null, null))).isEqualTo(8192);
    }

    @Test
    void aBudgetIsTheSmallestEffortThatHoldsIt() {
        assertThat(ThinkingBudgets.effort(Thinking.ofBudget(1024))).isEqualTo("low");
        assertThat(ThinkingBudgets.effort(Thinking.ofBudget(2049))).isEqualTo("medium");
        assertThat(ThinkingBudgets.effort(Thinking.ofBudget(8192))).isEqualTo("medium");
        assertThat(ThinkingBudgets.effort(Thinking.ofBudget(8193))).isEqualTo("high");
        assertThat(ThinkingBudgets.effort(Thinking.ofBudget(100_000))).isEqualTo("high");
        assertThat(ThinkingBudgets.effort(Thinking.ofBudget(0))).isNull();
        assertThat(ThinkingBudgets.effort(Thinking.ofEffort("minimal"))).isEqualTo("minimal");
    }

    @Property
    void theEffortOfABudgetThinksAtLeastAsLongUpToHigh(@ForAll @IntRange(min = 1, max = 1_000_000) int budget) {
        int back = ThinkingBudgets.budget(Thinking.ofEffort(ThinkingBudgets.effort(Thinking.ofBudget(budget))));
        assertThat(back).isGreaterThanOrEqualTo(Math.min(budget, 24576));
    }

    @Property
    void aLargerBudgetNeverMeansLessEffort(@ForAll @IntRange(min = 1, max = 1_000_000) int a,
                                           @ForAll @IntRange(min = 1, max = 1_000_000) int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        assertThat(ThinkingBudgets.budget(Thinking.ofEffort(ThinkingBudgets.effort(Thinking.ofBudget(high)))))
                .isGreaterThanOrEqualTo(ThinkingBudgets.budget(Thinking.ofEffort(
                        ThinkingBudgets.effort(Thinking.ofBudget(low)))));
    }
}
