package io.keyroute.api.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.Part;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The streaming {@link OpenAiResponseReader} reads every chat answer as the tree reader before it did
 * ({@link TreeOpenAiResponseReader}, the oracle): generated answers with their fields in any order, some missing,
 * null, of another type or given twice, tool calls (in an array, or an object's values), reasoning, text with unicode
 * and escapes (in keys too), counts of every size, unknown fields holding nested objects and arrays; and the same
 * answers cut, corrupted or followed by junk fail alike, with the same {@link UncheckedIOException}.
 */
class OpenAiResponseReaderPropertyTest {
    // Each generator built once (fresh arbitraries for every field made a try take about a second), in the order
    // they need each other.
    private static final Arbitrary<String> TEXT = text();
    private static final Arbitrary<String> SCALAR = scalar();
    private static final Arbitrary<String> JUNK_2 = junk(2);
    private static final Arbitrary<String> JUNK_3 = junk(3);
    /** Any JSON value: a scalar, or nested objects and arrays. */
    private static final Arbitrary<String> ANY = Arbitraries.oneOf(SCALAR, SCALAR, JUNK_2);
    private static final Arbitrary<String> COUNT = count();
    private static final Arbitrary<String> ARGUMENTS = arguments();
    private static final Arbitrary<String> TOOL_CALL = toolCall();
    private static final Arbitrary<String> MESSAGE = message();
    private static final Arbitrary<String> CHOICE = choice();
    private static final Arbitrary<String> USAGE = usage();
    private static final Arbitrary<String> ANSWER = answer();

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void readsEveryAnswerAsTheTreeReaderDid(@ForAll("answers") String answer) {
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);

        CanonicalResponse streamed = OpenAiResponseReader.read(body);

        assertThat(streamed).isEqualTo(TreeOpenAiResponseReader.read(body));
        Statistics.label("parts").collect(streamed.content().size());
        Statistics.label("usage").collect(streamed.usage().equals(Usage.NONE) ? "none" : "some");
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void bodiesCutCorruptedOrFollowedFailAlike(@ForAll("mutatedAnswers") byte[] body) {
        Object streamed = outcome(OpenAiResponseReader::read, body);

        assertThat(streamed).isEqualTo(outcome(TreeOpenAiResponseReader::read, body));
        Statistics.label("outcome").collect(streamed instanceof String ? "refused" : "read");
    }

    @Example
    void readsAToolCallingReasoningAnswer() {
        String answer = """
                {"usage":{"prompt_tokens":18446744073709551621,"completion_tokens":7,"prompt_cache_hit_tokens":3},
                 "service_tier":"flex","model":"deepseek-reasoner","id":"chatcmpl-9",
                 "choices":[{"finish_reason":"tool_calls","message":{"tool_calls":[
                   {"id":"call_1","type":"function","function":{"arguments":"{\\"q\\":\\"Lisbo\\u00e3\\"}","name":"search"}},
                   {"function":{"name":"noop"}}],
                  "content":null,"reasoning_content":"Think \\ud83d\\ude00","role":"assistant"}},{"message":{"content":"no"}}]}""";

        assertThat(OpenAiResponseReader.read(answer.getBytes(StandardCharsets.UTF_8))).isEqualTo(new CanonicalResponse(
                "chatcmpl-9", "deepseek-reasoner",
                List.of(Part.Reasoning.unsigned("Think \ud83d\ude00"),
                        new Part.ToolCall("call_1", "search", "{\"q\":\"Lisboã\"}"),
                        new Part.ToolCall(null, "noop", "{}")),
                FinishReason.TOOL_CALLS, null, new Usage(1_000_000_000L, 7, 3, 0, 0, 0, "flex")));
    }

    @Example
    void aFieldGivenTwiceCountsAsGivenLast() {
        String answer = """
                {"choices":[{"message":{"content":"first"}}],"usage":{"prompt_tokens":5},
                 "choices":[{"message":{"refusal":"no"},"finish_reason":"length"}],"usage":null,"id":1.50,"id":-0}""";

        assertThat(OpenAiResponseReader.read(answer.getBytes(StandardCharsets.UTF_8))).isEqualTo(
                new CanonicalResponse("0", null, List.of(new Part.Text("no")), FinishReason.LENGTH, null, Usage.NONE));
    }

    @Example
    void whatIsNoJsonObjectIsRefusedAsBefore() {
        for (String body : List.of("", "  ", "[]", "null", "{} {}", "{\"id\":\"x\"}]", "{\"id\":", "[{}] x",
                "{\"id\":\"\u0001\"}")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

            assertThat(outcome(OpenAiResponseReader::read, bytes)).as(body)
                    .isInstanceOf(String.class).isEqualTo(outcome(TreeOpenAiResponseReader::read, bytes));
        }
        byte[] invalidUtf8 = {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
        assertThat(outcome(OpenAiResponseReader::read, invalidUtf8)).isInstanceOf(String.class)
                .isEqualTo(outcome(TreeOpenAiResponseReader::read, invalidUtf8));
    }

    @Example
    void loneSurrogatesReadAlike() {
        for (String body : List.of("{\"\\ud83d\":1}", "{\"id\":\"\\ud83d\"}", "{\"x\":[\"\\ude00 \\ud83d\"]}")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

            assertThat(outcome(OpenAiResponseReader::read, bytes)).as(body)
                    .isEqualTo(outcome(TreeOpenAiResponseReader::read, bytes));
        }
    }

    /** The answer read, or the refusal's exception type and message. */
    private static Object outcome(Function<byte[], CanonicalResponse> reader, byte[] body) {
        try {
            return reader.apply(body);
        } catch (UncheckedIOException e) {
            return "UncheckedIOException: " + e.getMessage();
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedAnswers() {
        Arbitrary<byte[]> bodies = ANSWER.map(answer -> answer.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> cut = Combinators.combine(bodies, Arbitraries.doubles().between(0, 1))
                .as((body, at) -> java.util.Arrays.copyOf(body, (int) (body.length * at)));
        Arbitrary<byte[]> flipped = Combinators.combine(bodies, Arbitraries.doubles().between(0, 1),
                        Arbitraries.of((byte) '{', (byte) '}', (byte) '"', (byte) ',', (byte) ':', (byte) ']',
                                (byte) '\\', (byte) 0xE2, (byte) 0x01, (byte) 'x'))
                .as((body, at, b) -> {
                    byte[] out = body.clone();
                    out[Math.min(out.length - 1, (int) (out.length * at))] = b;
                    return out;
                });
        Arbitrary<byte[]> followed = Combinators.combine(bodies, Arbitraries.of(" ", "\n", "x", "{}", "]", "null", " 1"))
                .as((body, tail) -> (new String(body, StandardCharsets.UTF_8) + tail).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> otherRoots = JUNK_2.map(json -> json.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(cut, flipped, followed, otherRoots);
    }

    @Provide
    Arbitrary<String> answers() {
        return ANSWER;
    }

    private static Arbitrary<String> answer() {
        Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
        fields.put("id", Arbitraries.oneOf(TEXT, TEXT, ANY));
        fields.put("object", Arbitraries.just("\"chat.completion\""));
        fields.put("created", Arbitraries.longs().between(0, 4_000_000_000L).map(String::valueOf));
        fields.put("model", Arbitraries.oneOf(TEXT, TEXT, ANY));
        Arbitrary<String> choices = choices();
        fields.put("choices", Arbitraries.oneOf(choices, choices, choices, ANY));
        fields.put("usage", Arbitraries.oneOf(USAGE, USAGE, ANY));
        fields.put("service_tier", Arbitraries.oneOf(Arbitraries.of("\"default\"", "\"flex\"", "\"priority\"", "\"\""),
                ANY));
        fields.put("system_fingerprint", TEXT);
        fields.put("x_extra", JUNK_3);
        return object(fields);
    }

    private static Arbitrary<String> choices() {
        Arbitrary<String> choice = Arbitraries.oneOf(CHOICE, CHOICE, CHOICE, ANY);
        return choice.list().ofMaxSize(3).map(list -> "[" + String.join(",", list) + "]");
    }

    private static Arbitrary<String> choice() {
        Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
        fields.put("index", Arbitraries.integers().between(0, 3).map(String::valueOf));
        fields.put("message", Arbitraries.oneOf(MESSAGE, MESSAGE, MESSAGE, ANY));
        fields.put("logprobs", Arbitraries.of("null", "{\"content\":[{\"token\":\"a\",\"logprob\":-0.1}]}"));
        fields.put("finish_reason", Arbitraries.oneOf(Arbitraries.of("\"stop\"", "\"length\"", "\"tool_calls\"",
                "\"function_call\"", "\"content_filter\"", "\"other\"", "null"), ANY));
        return object(fields);
    }

    private static Arbitrary<String> message() {
        Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
        fields.put("role", Arbitraries.just("\"assistant\""));
        fields.put("reasoning_content", Arbitraries.oneOf(TEXT, TEXT, Arbitraries.of("\"\"", "null"), ANY));
        fields.put("content", Arbitraries.oneOf(TEXT, TEXT, Arbitraries.of("\"\"", "null"), ANY));
        fields.put("refusal", Arbitraries.oneOf(TEXT, Arbitraries.just("null"), ANY));
        fields.put("annotations", Arbitraries.just("[]"));
        fields.put("tool_calls", Arbitraries.oneOf(toolCallArray(), toolCallArray(), toolCallObject(),
                Arbitraries.of("[]", "null"), ANY));
        return object(fields);
    }

    private static Arbitrary<String> toolCallArray() {
        return Arbitraries.oneOf(TOOL_CALL, TOOL_CALL, TOOL_CALL, ANY).list().ofMaxSize(3)
                .map(calls -> "[" + String.join(",", calls) + "]");
    }

    /** Calls as an object's values, under keys that may repeat. */
    private static Arbitrary<String> toolCallObject() {
        Arbitrary<String> entry = Combinators.combine(Arbitraries.of("a", "b", "c"), Arbitraries.oneOf(TOOL_CALL, ANY))
                .as((key, call) -> "\"" + key + "\":" + call);
        return entry.list().ofMaxSize(4).map(entries -> "{" + String.join(",", entries) + "}");
    }

    private static Arbitrary<String> toolCall() {
        Map<String, Arbitrary<String>> function = new LinkedHashMap<>();
        function.put("name", Arbitraries.oneOf(TEXT, TEXT, Arbitraries.of("null", "\"\""), ANY));
        function.put("arguments", Arbitraries.oneOf(ARGUMENTS, ARGUMENTS, Arbitraries.of("null", "\"\"", "\" \""),
                ANY));
        function.put("strict", Arbitraries.of("true", "false"));
        Arbitrary<String> fn = object(function);
        Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
        fields.put("id", Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)
                .map(id -> "\"call_" + id + "\""), Arbitraries.of("null", "\"\""), ANY));
        fields.put("type", Arbitraries.just("\"function\""));
        fields.put("function", Arbitraries.oneOf(fn, fn, fn, ANY));
        return object(fields);
    }

    /** Arguments as models write them: JSON text in a string, escaped. */
    private static Arbitrary<String> arguments() {
        return JUNK_2.map(json -> quote(json, false));
    }

    private static Arbitrary<String> usage() {
        Map<String, Arbitrary<String>> details = new LinkedHashMap<>();
        details.put("cached_tokens", COUNT);
        details.put("reasoning_tokens", COUNT);
        details.put("audio_tokens", COUNT);
        Arbitrary<String> detailsValue = Arbitraries.oneOf(object(details), ANY);
        Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
        fields.put("prompt_tokens", COUNT);
        fields.put("completion_tokens", COUNT);
        fields.put("total_tokens", COUNT);
        fields.put("prompt_cache_hit_tokens", COUNT);
        fields.put("prompt_cache_miss_tokens", COUNT);
        fields.put("prompt_tokens_details", detailsValue);
        fields.put("completion_tokens_details", detailsValue);
        return object(fields);
    }

    /** Token counts as providers send them, and the odd values a broken one might. */
    private static Arbitrary<String> count() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 100_000).map(String::valueOf),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf),
                Arbitraries.longs().between(0, 100_000).map(n -> "\"" + n + "\""),
                Arbitraries.doubles().between(0, 1e6).map(String::valueOf),
                Arbitraries.of("null", "true", "\"x\"", "-3", "-0", "1.5e3", "99999999999999999999",
                        "-99999999999999999999", "1e30", "1e400", "{}", "[3]", "{\"cached_tokens\":5}"));
    }

    /**
     * An object of some of {@code fields} (each may be missing) and some given twice, in any order, keys written
     * plainly or with escapes.
     */
    private static Arbitrary<String> object(Map<String, Arbitrary<String>> fields) {
        List<Arbitrary<String>> entries = new ArrayList<>();
        for (Map.Entry<String, Arbitrary<String>> field : fields.entrySet()) {
            entries.add(Combinators.combine(Arbitraries.of(false, false, false, true), field.getValue())
                    .as((escaped, value) -> quote(field.getKey(), escaped) + ":" + value));
        }
        List<Arbitrary<String>> maybe = entries.stream().map(entry -> entry.injectNull(0.15)).toList();
        Arbitrary<List<String>> repeated = Arbitraries.oneOf(entries).list().ofMaxSize(2).injectNull(0.8);
        Arbitrary<String> unknown = Combinators.combine(TEXT, JUNK_2).as((key, value) -> key + ":" + value);
        // Shuffled with a generated seed, not a flatMap per object to jqwik's shuffle (slow to generate).
        return Combinators.combine(Combinators.combine(maybe).as(list -> list), repeated, unknown.list().ofMaxSize(2),
                        Arbitraries.of(",", ", ", ",\n  "), Arbitraries.longs())
                .as((present, again, extra, comma, seed) -> {
                    List<String> all = new ArrayList<>(present.stream().filter(Objects::nonNull).toList());
                    if (again != null) {
                        all.addAll(again);
                    }
                    all.addAll(extra);
                    Collections.shuffle(all, new Random(seed));
                    return "{" + String.join(comma, all) + "}";
                })
                .withoutEdgeCases(); // a combination's edge cases multiply: lists of these were slow to generate
    }

    private static Arbitrary<String> junk(int depth) {
        if (depth == 0) {
            return SCALAR;
        }
        Arbitrary<String> inner = junk(depth - 1);
        Arbitrary<String> array = inner.list().ofMaxSize(3).map(values -> "[" + String.join(",", values) + "]");
        Arbitrary<String> object = Combinators.combine(TEXT, inner).as((key, value) -> key + ":" + value)
                .list().ofMaxSize(3).map(entries -> "{" + String.join(",", entries) + "}");
        return Arbitraries.oneOf(SCALAR, array, object).withoutEdgeCases();
    }

    private static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(TEXT,
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().between(-1e9, 1e9).map(String::valueOf),
                Arbitraries.of("true", "false", "null", "0", "-0", "1.0", "1.50", "1e2", "1E+2", "-2.5e-3", "1e400",
                        "123456789012345678901234567890", "-0.0", "1.7976931348623157E308", "4.9E-324"));
    }

    /**
     * A JSON string of text with unicode (accents, symbols, emoji, controls, quotes), plain or escaped; never a lone
     * surrogate, which Jackson refuses in a key (both readers alike: {@link #loneSurrogatesReadAlike}).
     */
    private static Arbitrary<String> text() {
        Arbitrary<String> raw = Arbitraries.strings()
                .withChars("abcXYZ 019")
                .withChars("éãñ€中\u2028\"\\/\n\t\u0000\u001f\u007f")
                .ofMaxLength(12);
        Arbitrary<String> words = Arbitraries.of("Lisbon", "Príncipe Real", "naïve ☕", "{\"a\":1}", "😀 ok");
        return Combinators.combine(Arbitraries.oneOf(raw, words), Arbitraries.of(false, false, true))
                .as(OpenAiResponseReaderPropertyTest::quote);
    }

    /** {@code text} as a JSON string: what must be escaped, and with {@code everything} all but ASCII letters. */
    private static String quote(String text, boolean everything) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n' && !everything) {
                out.append("\\n");
            } else if (c < 0x20 || everything && !Character.isLetter(c) || everything && c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
