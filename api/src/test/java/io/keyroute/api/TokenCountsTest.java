package io.keyroute.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.wire.anthropic.AnthropicStopReasons;
import io.keyroute.api.wire.openai.OpenAiFinishReasons;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reported token counts are whole numbers from 0 to TokenCounts.MAX, whatever a provider sends. */
class TokenCountsTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12                      | 12",
            "-3                      | 0",
            "2.9                     | 2",
            "1e30                    | 1000000000",
            "-1e30                   | 0",
            "18446744073709551621    | 1000000000",
            "-18446744073709551621   | 0",
            "9223372036854775807     | 1000000000",
            "'\"42\"'                | 42",
            "'\"x\"'                 | 0",
            "null                    | 0",
            "{}                      | 0"})
    void aCountIsClampedNeverWrapped(String value, long expected) throws Exception {
        assertThat(TokenCounts.of(json("{\"n\":" + value + "}").path("n"))).isEqualTo(expected);
        try (JsonParser parser = Json.FACTORY.createParser("{\"n\":" + value + "}")) {
            parser.nextToken();
            parser.nextToken();
            parser.nextToken();
            assertThat(TokenCounts.of(parser, 0)).as("read token by token").isEqualTo(expected);
        }
    }

    @Test
    void aDetailsCountIsReadFromItsObjectOrIsNone() throws Exception {
        try (JsonParser parser = Json.FACTORY.createParser(
                "[{\"audio_tokens\":3,\"cached_tokens\":1e30},{\"cached_tokens\":null},7]")) {
            parser.nextToken();
            parser.nextToken();
            assertThat(TokenCounts.ofField(parser, "cached_tokens")).isEqualTo(TokenCounts.MAX);
            parser.nextToken();
            assertThat(TokenCounts.ofField(parser, "cached_tokens")).isNull();
            parser.nextToken();
            assertThat(TokenCounts.ofField(parser, "cached_tokens")).isNull();
            assertThat(parser.nextToken()).isEqualTo(JsonToken.END_ARRAY);
        }
    }

    @Test
    void anthropicsUsageOfAbsurdPartsDoesNotOverflowIntoANegativePrompt() throws Exception {
        // three near-maximal longs summed as longs wrap to a negative prompt, i.e. nothing to charge
        Usage usage = AnthropicStopReasons.readUsage(json("""
                {"input_tokens":9223372036854775807,"cache_read_input_tokens":9223372036854775807,
                 "cache_creation_input_tokens":9223372036854775807,"output_tokens":-5}"""));

        assertThat(usage.promptTokens()).isEqualTo(TokenCounts.MAX);
        assertThat(usage.completionTokens()).isZero();
        assertThat(usage.cachedTokens()).isEqualTo(TokenCounts.MAX);
    }

    @Test
    void openAiUsageFromATreeIsClampedToo() throws Exception {
        Usage usage = OpenAiFinishReasons.readUsage(json("{\"prompt_tokens\":1e400,\"completion_tokens\":-1}"));

        assertThat(List.of(usage.promptTokens(), usage.completionTokens())).containsExactly(TokenCounts.MAX, 0L);
    }

    @Property
    void usageHoldsOnlyCountsInRangeAndSumsNeverOverflow(@ForAll long prompt, @ForAll long completion,
                                                          @ForAll long cached) {
        Usage usage = new Usage(prompt, completion, cached, completion);
        Usage twice = usage.plus(usage);

        assertThat(List.of(twice.promptTokens(), twice.completionTokens(), twice.cachedTokens(), twice.totalTokens()))
                .allMatch(n -> n >= 0 && n <= 2 * TokenCounts.MAX);
    }
}
