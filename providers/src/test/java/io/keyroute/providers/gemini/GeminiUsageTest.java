package io.keyroute.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Json;
import io.keyroute.api.TokenCounts;
import io.keyroute.api.Usage;
import org.junit.jupiter.api.Test;

/** Gemini's usageMetadata with absurd counts: clamped, never wrapped into a negative or tiny charge. */
class GeminiUsageTest {

    @Test
    void absurdCountsAreClamped() throws Exception {
        Usage usage = GeminiWire.usage(Json.MAPPER.readTree("""
                {"promptTokenCount":18446744073709551621,"candidatesTokenCount":9223372036854775807,
                 "thoughtsTokenCount":9223372036854775807,"cachedContentTokenCount":-7}"""));

        // 2^64 + 5 read as a long wraps to 5; the two maximal longs summed wrap negative
        assertThat(usage).isEqualTo(new Usage(TokenCounts.MAX, TokenCounts.MAX, 0, TokenCounts.MAX));
    }

    @Test
    void ordinaryCountsAreAsReported() throws Exception {
        Usage usage = GeminiWire.usage(Json.MAPPER.readTree(
                "{\"promptTokenCount\":120,\"candidatesTokenCount\":30,\"thoughtsTokenCount\":12,\"cachedContentTokenCount\":64}"));

        assertThat(usage).isEqualTo(new Usage(120, 42, 64, 12));
    }
}
