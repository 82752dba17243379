package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Usage;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.StreamEvent;
import io.keyroute.api.error.ErrorType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Canonical streams → the exact Responses events a caller gets, against
 * {@code src/test/resources/golden/responses/stream/<case>.jsonl} ({@code event: <name> <data>} a
 * line; the random item ids numbered by first appearance, e.g. {@code msg_1}). Run with
 * {@code -Dgolden.update=true} to rewrite the expected files, then review the diff.
 */
class ResponsesEventWriterGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path DIR = Path.of("src/test/resources/golden/responses/stream");
    private static final Pattern RANDOM_ID = Pattern.compile("\\b(msg|fc|rs|call)_[0-9a-f]{48}\\b");

    private static final Map<String, List<StreamEvent>> CASES = Map.of(
            "text", List.of(
                    new StreamEvent.Start("chatcmpl-c1", "gpt-4o-mini"),
                    new StreamEvent.TextDelta("Hello"),
                    new StreamEvent.TextDelta(", world."),
                    new StreamEvent.Finish(FinishReason.STOP, null),
                    new StreamEvent.UsageReport(new Usage(12, 4, 2, 0)),
                    new StreamEvent.End()),
            "parallel_tools", List.of(
                    new StreamEvent.Start("chatcmpl-c2", "gpt-4o-mini"),
                    new StreamEvent.ToolCallStart(0, "call_weather", "get_weather"),
                    new StreamEvent.ToolCallDelta(0, "{\"city\":"),
                    new StreamEvent.ToolCallDelta(0, "\"Paris\"}"),
                    new StreamEvent.ToolCallStart(1, "call_time", "get_time"),
                    new StreamEvent.ToolCallDelta(1, "{\"tz\":\"CET\"}"),
                    new StreamEvent.Finish(FinishReason.TOOL_CALLS, null),
                    new StreamEvent.UsageReport(new Usage(80, 31, 0, 0)),
                    new StreamEvent.End()),
            "reasoning", List.of(
                    new StreamEvent.Start("msg_01R", "claude-sonnet-4-5-20250929"),
                    new StreamEvent.ReasoningDelta("The user greets me;"),
                    new StreamEvent.ReasoningDelta(" a short greeting back fits."),
                    new StreamEvent.TextDelta("Hi there!"),
                    new StreamEvent.Finish(FinishReason.STOP, null),
                    new StreamEvent.UsageReport(new Usage(20, 30, 0, 24)),
                    new StreamEvent.End()),
            "signed_reasoning", List.of(
                    new StreamEvent.Start("msg_01S", "claude-sonnet-4-5-20250929"),
                    new StreamEvent.ReasoningDelta("Paris's weather:"),
                    new StreamEvent.ReasoningDelta(" call get_weather."),
                    new StreamEvent.ReasoningSignature("EqQBCgIYAhIM1gbcDa9GJwZA2b3h"),
                    new StreamEvent.RedactedReasoning("EmwKAhgBEgy3va3pzix"),
                    new StreamEvent.ToolCallStart(0, "toolu_paris", "get_weather"),
                    new StreamEvent.ToolCallDelta(0, "{\"city\":\"Paris\"}"),
                    new StreamEvent.Finish(FinishReason.TOOL_CALLS, null),
                    new StreamEvent.UsageReport(new Usage(40, 60, 0, 0)),
                    new StreamEvent.End()),
            "cache", List.of(
                    new StreamEvent.Start("msg_01C", "claude-sonnet-4-5-20250929"),
                    new StreamEvent.UsageReport(new Usage(11040, 1, 8000, 0, 3000, 2000), true),
                    new StreamEvent.TextDelta("The diff renames one function."),
                    new StreamEvent.Finish(FinishReason.STOP, null),
                    new StreamEvent.UsageReport(new Usage(11040, 120, 8000, 0, 3000, 2000)),
                    new StreamEvent.End()),
            "length", List.of(
                    new StreamEvent.Start("chatcmpl-c3", "gpt-4o-mini"),
                    new StreamEvent.TextDelta("Once upon a"),
                    new StreamEvent.TextDelta(" time"),
                    new StreamEvent.Finish(FinishReason.LENGTH, null),
                    new StreamEvent.UsageReport(new Usage(9, 3, 0, 0)),
                    new StreamEvent.End()),
            "mid_stream_error", List.of(
                    new StreamEvent.Start("msg_01E", "claude-sonnet-4-5-20250929"),
                    new StreamEvent.UsageReport(new Usage(15, 0, 0, 0), true),
                    new StreamEvent.TextDelta("Once upon"),
                    new StreamEvent.Error(ErrorType.UPSTREAM, "Overloaded")));

    static Stream<String> cases() {
        return CASES.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void canonicalStreamBecomesTheResponsesEvents(String name) throws IOException {
        RecordedStream stream = RecordedStream.of(TestWriters.writer(), CASES.get(name));
        StreamRules.check(stream);
        String actual = numberIds(stream.frames().stream().map(RecordedStream.Frame::toString)
                .collect(Collectors.joining("\n", "", "\n")));

        Path expected = DIR.resolve(name + ".jsonl");
        if (UPDATE || !Files.exists(expected)) {
            Files.createDirectories(DIR);
            Files.writeString(expected, actual);
            if (!UPDATE) {
                throw new AssertionError("wrote missing golden file " + expected + ": review it and run again");
            }
            return;
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    /** Each random id becomes its prefix and the order of its first appearance: the same id, the same number. */
    private static String numberIds(String text) {
        Map<String, String> numbered = new HashMap<>();
        Map<String, Integer> perPrefix = new HashMap<>();
        Matcher m = RANDOM_ID.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = numbered.computeIfAbsent(m.group(),
                    k -> m.group(1) + "_" + perPrefix.merge(m.group(1), 1, Integer::sum));
            m.appendReplacement(out, id);
        }
        m.appendTail(out);
        return out.toString();
    }
}
