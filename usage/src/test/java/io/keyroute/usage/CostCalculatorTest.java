package io.keyroute.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.catalog.ModelCatalog;
import io.keyroute.catalog.ModelInfo;
import io.keyroute.catalog.Target;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {

    @Test
    void pricesCachedInputAtTheCachedPriceAndReasoningAsOutput() {
        // gpt-4o-mini-like: $0.15 in, $0.075 cached, $0.60 out per million tokens
        Price price = new Price(new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.075"));
        // 1,000 prompt of which 400 cached, 500 completion of which 200 reasoning:
        // 600 × 0.15 + 400 × 0.075 + 500 × 0.60 = 90 + 30 + 300 = 420 µ$
        assertThat(CostCalculator.micros(price, new Usage(1_000, 500, 400, 200))).isEqualTo(420);
        assertThat(CostCalculator.usd(420)).isEqualTo("0.000420");
    }

    @Test
    void pricesAnthropicCacheWritesByTheirTtl() {
        // claude-haiku-4-5: $1 in, $0.10 cache read, $1.25 5-minute write, $2 one-hour write, $5 out
        Price price = new Price(new BigDecimal("1.00"), new BigDecimal("5.00"), new BigDecimal("0.10"),
                new BigDecimal("1.25"), new BigDecimal("2.00"));
        // 10,000 prompt: 3,000 read from cache, 5,000 written (1,000 of them for an hour), 2,000 plain; 100 out:
        // 2,000 × 1 + 3,000 × 0.10 + 4,000 × 1.25 + 1,000 × 2 + 100 × 5 = 2,000 + 300 + 5,000 + 2,000 + 500
        assertThat(CostCalculator.micros(price, new Usage(10_000, 100, 3_000, 0, 5_000, 1_000))).isEqualTo(9_800);
    }

    @Test
    void roundsTheWholeCostOnceHalfUp() {
        Price price = new Price(new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.15"));
        // 3 × 0.15 + 1 × 0.60 = 1.05 µ$ → 1; 7 × 0.15 = 1.05 → 1; 10 × 0.15 = 1.5 → 2
        assertThat(CostCalculator.micros(price, new Usage(3, 1, 0, 0))).isEqualTo(1);
        assertThat(CostCalculator.micros(price, new Usage(10, 0, 0, 0))).isEqualTo(2);
    }

    @Test
    void readsCatalogDoublesByTheirDecimalsAndFallsBackToTheInputPriceForCache() {
        var priced = new ModelInfo(Target.parse("openai/x"), 0.1, 0.3, null, null, null, 1000, 100, null, Set.of(), "config", null);
        var unpriced = new ModelInfo(Target.parse("openai/y"), null, 0.3, null, null, null, 1000, 100, null, Set.of(), "config", null);
        var book = new PriceBook(new ModelCatalog("t", List.of(priced, unpriced)));
        // 0.1 as a double is 0.1000000000000000055…; read exactly it would round differently at scale.
        assertThat(book.micros(Target.parse("openai/x"), new Usage(10_000_000, 10_000_000, 5_000_000, 0)))
                .hasValue(1_000_000 + 3_000_000);
        assertThat(book.micros(Target.parse("openai/y"), new Usage(1, 1, 0, 0))).isEmpty();
        assertThat(book.micros(Target.parse("openai/z"), new Usage(1, 1, 0, 0))).isEmpty();
    }

    @Test
    void aPromptAboveTwoHundredThousandTokensIsBilledWhollyAtTheLongContextPrice() {
        var book = new PriceBook(ModelCatalog.builtIn());
        Target sonnet = Target.parse("anthropic/claude-sonnet-4-5");
        // At the threshold: 200,000 × $3 + 1,000 × $15 = 615,000 µ$.
        assertThat(book.micros(sonnet, new Usage(200_000, 1_000, 0, 0))).hasValue(615_000);
        // One token above, the whole call at $6 in / $22.50 out: 200,001 × 6 + 1,000 × 22.5 = 1,222,506 µ$.
        assertThat(book.micros(sonnet, new Usage(200_001, 1_000, 0, 0))).hasValue(1_222_506);
        // Cache prices keep their ratio to the input's: reads at $0.60, one-hour writes at $12 (cache parts count
        // towards the threshold): 100,000 × 6 + 50,000 × 0.6 + 60,000 × 12 = 1,350,000 µ$.
        assertThat(book.micros(sonnet, new Usage(210_000, 0, 50_000, 0, 60_000, 60_000))).hasValue(1_350_000);
        // Gemini 2.5 Pro: $1.25 / $10 up to 200k, $2.50 / $15 above.
        Target pro = Target.parse("gemini/gemini-2.5-pro");
        assertThat(book.micros(pro, new Usage(300_000, 2_000, 0, 0))).hasValue(750_000 + 30_000);
        assertThat(book.micros(pro, new Usage(100_000, 2_000, 0, 0))).hasValue(125_000 + 20_000);
    }
}
