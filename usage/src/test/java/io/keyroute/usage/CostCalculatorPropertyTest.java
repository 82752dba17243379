package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class CostCalculatorPropertyTest {
    private static final long MAX_TOKENS = 10_000_000;

    @Provide
    Arbitrary<Price> prices() {
        // Catalog-like prices: up to $200 per million tokens, stated to at most 4 decimals.
        Arbitrary<BigDecimal> perMtok = Arbitraries.longs().between(0, 2_000_000).map(n -> BigDecimal.valueOf(n, 4));
        return Combinators.combine(perMtok, perMtok, perMtok).as(Price::new);
    }

    @Provide
    Arbitrary<Usage> usages() {
        Arbitrary<Long> tokens = Arbitraries.longs().between(0, MAX_TOKENS);
        return Combinators.combine(tokens, tokens, tokens, tokens)
                .as((prompt, completion, cached, reasoning) ->
                        new Usage(prompt, completion, Math.min(cached, prompt), Math.min(reasoning, completion)));
    }

    @Provide
    Arbitrary<List<Usage>> usageLists() {
        return usages().list().ofMaxSize(200);
    }

    @Property
    void neverNegative(@ForAll("prices") Price price, @ForAll("usages") Usage usage) {
        assertThat(CostCalculator.micros(price, usage)).isNotNegative();
    }

    @Property
    void monotonicInEveryTokenCount(@ForAll("prices") Price price, @ForAll("usages") Usage usage,
                                    @ForAll @LongRange(min = 0, max = 100_000) long more) {
        long base = CostCalculator.micros(price, usage);
        assertThat(CostCalculator.micros(price, new Usage(usage.promptTokens() + more, usage.completionTokens(),
                usage.cachedTokens(), usage.reasoningTokens()))).isGreaterThanOrEqualTo(base);
        assertThat(CostCalculator.micros(price, new Usage(usage.promptTokens(), usage.completionTokens() + more,
                usage.cachedTokens(), usage.reasoningTokens()))).isGreaterThanOrEqualTo(base);
    }

    @Property
    void cachedTokensNeverCostMoreThanUncachedWhenTheCachedPriceIsLower(@ForAll("prices") Price price,
                                                                          @ForAll("usages") Usage usage) {
        Price cheaperCache = new Price(price.inputPerMtok(), price.outputPerMtok(),
                price.cachedInputPerMtok().min(price.inputPerMtok()));
        Usage uncached = new Usage(usage.promptTokens(), usage.completionTokens(), 0, usage.reasoningTokens());
        assertThat(CostCalculator.micros(cheaperCache, usage)).isLessThanOrEqualTo(CostCalculator.micros(cheaperCache, uncached));
    }

    /** Without prompt-cache write prices of its own, writing to the cache costs what plain input costs. */
    @Property
    void cacheWritesCostTheInputPriceWhereNoWritePriceIsPublished(@ForAll("prices") Price price,
                                                                 @ForAll("usages") Usage usage,
                                                                 @ForAll @LongRange(min = 0, max = 1_000_000) long written) {
        long writable = usage.promptTokens() - usage.cachedTokens();
        Usage writing = new Usage(usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(),
                usage.reasoningTokens(), Math.min(written, writable), Math.min(written, writable) / 2);
        assertThat(CostCalculator.micros(price, writing)).isEqualTo(CostCalculator.micros(price, usage));
    }

    @Property
    void exactCostIsTheSumOfItsPartsAndRoundsOnce(@ForAll("prices") Price price, @ForAll("usages") Usage usage) {
        long cached = usage.cachedTokens();
        BigDecimal parts = price.inputPerMtok().multiply(BigDecimal.valueOf(usage.promptTokens() - cached))
                .add(price.cachedInputPerMtok().multiply(BigDecimal.valueOf(cached)))
                .add(price.outputPerMtok().multiply(BigDecimal.valueOf(usage.completionTokens())));
        assertThat(CostCalculator.exactMicros(price, usage)).isEqualByComparingTo(parts);
        assertThat(CostCalculator.micros(price, usage))
                .isEqualTo(parts.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** Splitting a request's tokens in two never moves the cost by more than the one rounding step each side. */
    @Property
    void additiveWithinOneMicroDollarPerRounding(@ForAll("prices") Price price, @ForAll("usages") Usage a,
                                                 @ForAll("usages") Usage b) {
        Usage both = new Usage(a.promptTokens() + b.promptTokens(), a.completionTokens() + b.completionTokens(),
                a.cachedTokens() + b.cachedTokens(), a.reasoningTokens() + b.reasoningTokens());
        long separately = CostCalculator.micros(price, a) + CostCalculator.micros(price, b);
        assertThat(Math.abs(CostCalculator.micros(price, both) - separately)).isLessThanOrEqualTo(1);
    }

    /** Ledger totals are long sums of per-request costs: exact, unlike a double accumulator. */
    @Property
    void ledgerSumsAreExact(@ForAll("prices") Price price, @ForAll("usageLists") List<Usage> usages) {
        long total = 0;
        BigDecimal reference = BigDecimal.ZERO;
        for (Usage usage : usages) {
            long micros = CostCalculator.micros(price, usage);
            total = Math.addExact(total, micros);
            reference = reference.add(BigDecimal.valueOf(micros));
        }
        assertThat(BigDecimal.valueOf(total)).isEqualByComparingTo(reference);
        assertThat(CostCalculator.usd(total)).isEqualTo(reference.movePointLeft(6).setScale(6).toPlainString());
    }

    @Property
    void integralPricesGiveExactCostsWithoutRounding(@ForAll @LongRange(min = 0, max = 100) long inputPerMtok,
                                                      @ForAll("usages") Usage usage) {
        Price price = new Price(BigDecimal.valueOf(inputPerMtok), BigDecimal.valueOf(inputPerMtok * 4),
                BigDecimal.valueOf(inputPerMtok));
        assertThat(CostCalculator.micros(price, usage))
                .isEqualTo(inputPerMtok * usage.promptTokens() + inputPerMtok * 4 * usage.completionTokens());
    }
}
