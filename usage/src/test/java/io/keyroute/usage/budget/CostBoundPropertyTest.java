package io.keyroute.usage.budget;

import static io.keyroute.usage.budget.CostBoundTest.MINI;
import static io.keyroute.usage.budget.CostBoundTest.SONNET;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.usage.CostCalculator;
import io.keyroute.usage.Price;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CostBoundPropertyTest {

    /** Whatever the request is then billed (within its limits, cache reads and writes included), it never costs more than the bound. */
    @Property(tries = 2_000)
    void theBoundIsNeverBelowTheBilledCost(@ForAll @IntRange(min = 0, max = 2_000_000) int bodyBytes,
                                           @ForAll @IntRange(min = 0, max = 4) int images,
                                           @ForAll @IntRange(min = 0, max = 100_000) int requestedOutput,
                                           @ForAll @IntRange(min = 0, max = 100) int promptShare,
                                           @ForAll @IntRange(min = 0, max = 100) int outputShare,
                                           @ForAll @IntRange(min = 0, max = 100) int cachedShare,
                                           @ForAll @IntRange(min = 0, max = 100) int writtenShare,
                                           @ForAll @IntRange(min = 0, max = 100) int hourShare) {
        for (ModelInfo model : List.of(MINI, SONNET)) {
            long promptBound = Math.min(CostBound.promptTokens(bodyBytes, images), model.contextWindow());
            long outputBound = requestedOutput > 0 ? Math.min(requestedOutput, model.maxOutputTokens()) : model.maxOutputTokens();
            long prompt = promptBound * promptShare / 100;
            long written = prompt * writtenShare / 100;
            var billed = new Usage(prompt, outputBound * outputShare / 100, (prompt - written) * cachedShare / 100, 0,
                    written, written * hourShare / 100);
            long cost = CostCalculator.micros(Price.of(model).orElseThrow(), billed);
            assertThat(CostBound.maxMicros(List.of(MINI, SONNET), CostBound.promptTokens(bodyBytes, images), requestedOutput))
                    .isGreaterThanOrEqualTo(cost);
        }
    }
}
