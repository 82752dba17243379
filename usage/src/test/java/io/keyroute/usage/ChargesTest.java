package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Target;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** A request's billed attempts, each at its own model's price, summed exactly. */
class ChargesTest {
    private static final Target MINI = Target.parse("openai/gpt-4o-mini");
    private static final Target FOUR_O = Target.parse("openai/gpt-4o");
    private static final Target UNPRICED = Target.parse("openai/unpriced");
    private static final PriceBook BOOK = new PriceBook(new ModelCatalog("t", List.of(
            new ModelInfo(MINI, 0.15, 0.60, 0.075, null, null, 128_000, 16_384, null, Set.of(), "config", null),
            new ModelInfo(FOUR_O, 2.50, 10.00, 1.25, null, null, 128_000, 16_384, null, Set.of(), "config", null),
            new ModelInfo(UNPRICED, null, null, null, null, null, 128_000, 16_384, null, Set.of(), "config", null))));

    @Test
    void twoAttemptsOnDifferentModelsAreSummedExactlyThenRoundedOnce() {
        // gpt-4o-mini: 1,004 × 0.15 + 20 × 0.60 = 162.6 µ$; gpt-4o: 1 × 2.50 + 10 × 10 = 102.5 µ$
        // 265.1 → 265 (rounding each first, 163 + 103, would overcharge by one micro-dollar)
        List<Charge> charges = List.of(new Charge(MINI, new Usage(1_004, 20, 0, 0)), new Charge(FOUR_O, new Usage(1, 10, 0, 0)));

        assertThat(BOOK.micros(charges)).hasValue(265);
        assertThat(Charge.total(charges)).isEqualTo(new Usage(1_005, 30, 0, 0));
    }

    @Test
    void oneUnpricedAttemptLeavesTheCostUnknownRatherThanPartial() {
        assertThat(BOOK.micros(List.of(new Charge(MINI, new Usage(1_000, 0, 0, 0)),
                new Charge(UNPRICED, new Usage(1_000, 0, 0, 0))))).isEmpty();
        assertThat(BOOK.micros(List.of())).hasValue(0);
    }

    @Property
    void theSumIsTheRoundedExactTotalAndWithinHalfAMicroDollarPerAttemptOfTheRoundedParts(
            @ForAll @Size(max = 5) List<@IntRange(max = 2_000_000) Integer> prompts,
            @ForAll @IntRange(max = 100_000) int completion) {
        List<Charge> charges = prompts.stream()
                .map(p -> new Charge(p % 2 == 0 ? MINI : FOUR_O, new Usage(p, completion, p / 3, 0))).toList();
        BigDecimal exact = BigDecimal.ZERO;
        long roundedParts = 0;
        for (Charge charge : charges) {
            exact = exact.add(CostCalculator.exactMicros(priceOf(charge.target()), charge.usage()));
            roundedParts += BOOK.micros(charge.target(), charge.usage()).orElseThrow();
        }
        long total = BOOK.micros(charges).orElseThrow();

        assertThat(total).isEqualTo(exact.setScale(0, RoundingMode.HALF_UP).longValueExact());
        assertThat(Math.abs(total - roundedParts)).isLessThanOrEqualTo((charges.size() + 1) / 2);
    }

    private static Price priceOf(Target target) {
        return target.equals(MINI)
                ? new Price(new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.075"))
                : new Price(new BigDecimal("2.50"), new BigDecimal("10.00"), new BigDecimal("1.25"));
    }
}
