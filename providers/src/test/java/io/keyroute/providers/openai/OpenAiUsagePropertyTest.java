package io.keyroute.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.api.TokenCounts;
import io.keyroute.api.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The token-by-token usage reader agrees with reading the same answer as a JSON tree (the way
 * usage was read before, kept here as the reference), whatever the fields hold: numbers, numeric
 * strings, floats, nulls, nested objects, fields in any order, fields Keyroute does not know.
 */
class OpenAiUsagePropertyTest {

    @Property(tries = 1000)
    void readsUsageAsATreeReadsIt(@ForAll("answers") String answer) throws IOException {
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);

        assertThat(OpenAiUsage.fromBody(body)).isEqualTo(fromTree(Json.MAPPER.readTree(body)));
    }

    @Property(tries = 1000)
    void everyCountIsAWholeNumberWithinTheBound(@ForAll("answers") String answer) throws IOException {
        Usage usage = OpenAiUsage.fromBody(answer.getBytes(StandardCharsets.UTF_8));

        if (usage != null) {
            assertThat(java.util.List.of(usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(),
                    usage.reasoningTokens())).allMatch(n -> n >= 0 && n <= TokenCounts.MAX);
        }
    }

    @Example
    void absurdCountsSaturateInsteadOfWrapping() throws IOException {
        String answer = "{\"usage\":{\"prompt_tokens\":18446744073709551621,\"completion_tokens\":-40,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1e300},\"completion_tokens_details\":{\"reasoning_tokens\":2.9}}}";

        // 2^64 + 5 would wrap to 5 as a long; a negative count is none; a fraction is its whole part
        assertThat(OpenAiUsage.fromBody(answer.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Usage(TokenCounts.MAX, 0, TokenCounts.MAX, 2));
    }

    @Example
    void readsAnOpenAiAnswer() throws IOException {
        String answer = """
                {"id":"chatcmpl-1","choices":[{"message":{"content":"{\\"usage\\":1}"}}],
                 "usage":{"prompt_tokens":96,"completion_tokens":24,"total_tokens":120,
                  "prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":8}}}""";

        assertThat(OpenAiUsage.fromBody(answer.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Usage(96, 24, 64, 8));
    }

    @Example
    void readsDeepSeekCacheHitsWhenThereAreNoPromptDetails() throws IOException {
        String answer = "{\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"prompt_cache_hit_tokens\":6}}";

        assertThat(OpenAiUsage.fromBody(answer.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Usage(10, 2, 6, 0));
    }

    private static Usage fromTree(JsonNode root) {
        JsonNode usage = root.get("usage");
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long cached = TokenCounts.of(usage.path("prompt_tokens_details").path("cached_tokens"),
                TokenCounts.of(usage.path("prompt_cache_hit_tokens")));
        return new Usage(TokenCounts.of(usage.path("prompt_tokens")), TokenCounts.of(usage.path("completion_tokens")),
                cached, TokenCounts.of(usage.path("completion_tokens_details").path("reasoning_tokens")));
    }

    @Provide
    Arbitrary<String> answers() {
        Arbitrary<String> details = Arbitraries.maps(Arbitraries.of("cached_tokens", "reasoning_tokens", "audio_tokens"),
                values()).ofMaxSize(3).map(OpenAiUsagePropertyTest::object);
        Arbitrary<String> field = Arbitraries.oneOf(values(), details, Arbitraries.just("[1,{\"a\":2}]"));
        Arbitrary<String> usage = Arbitraries.maps(Arbitraries.of("prompt_tokens", "completion_tokens", "total_tokens",
                        "prompt_cache_hit_tokens", "prompt_tokens_details", "completion_tokens_details", "other"), field)
                .ofMaxSize(7).map(OpenAiUsagePropertyTest::object);
        Arbitrary<String> usageValue = Arbitraries.oneOf(usage, usage, Arbitraries.of("null", "12", "[]"));
        return Arbitraries.maps(Arbitraries.of("id", "choices", "usage", "model"), usageValue).ofMinSize(1).ofMaxSize(4)
                .map(OpenAiUsagePropertyTest::object);
    }

    /** Token counts as providers send them, and the odd values a broken one might. */
    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 1_000_000_000_000L).map(String::valueOf),
                Arbitraries.longs().between(0, 100_000).map(n -> "\"" + n + "\""),
                Arbitraries.doubles().between(0, 1e6).map(String::valueOf),
                Arbitraries.of("null", "true", "false", "\"x\"", "-3", "99999999999999999999", "-99999999999999999999", "1e30", "-1e30", "{}",
                        "{\"cached_tokens\":5}", "[3]"));
    }

    private static String object(Map<String, String> fields) {
        var out = new StringBuilder("{");
        for (Map.Entry<String, String> e : new LinkedHashMap<>(fields).entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(e.getKey()).append("\":").append(e.getValue());
        }
        return out.append('}').toString();
    }
}
