package io.keyroute.providers.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keyroute.api.Json;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.StreamEventReader;
import io.keyroute.api.canonical.StreamEventWriter;
import io.keyroute.api.wire.anthropic.AnthropicEventWriter;
import io.keyroute.api.wire.openai.OpenAiChunkWriter;
import io.keyroute.api.wire.responses.ResponsesEventWriter;
import io.keyroute.api.wire.responses.ResponsesRequest;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import io.keyroute.api.wire.responses.ResponsesResponseWriter;
import io.keyroute.providers.StreamOutput;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.providers.sse.SseReader;
import io.keyroute.providers.translate.CanonicalStreamDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden conformance every provider runs, one parameterized test per direction, over
 * {@code src/test/resources/golden/<provider>/}: {@code request/<case>.canonical.json} →
 * {@code <case>.upstream.json}; {@code response/<case>.upstream.json} → {@code <case>.canonical.json}
 * and each caller's answer ({@code .openai.json}, {@code .anthropic.json}, {@code .responses.json});
 * {@code stream/<case>.sse} → {@code <case>.chunks.jsonl} (OpenAI chunks, one data line each) and
 * {@code <case>.anthropic.jsonl} (Anthropic events, {@code event: <name> <data>} a line) and
 * {@code <case>.responses.jsonl} (the Responses API's events, the same way).
 * Run with {@code -Dgolden.update=true} to rewrite the expected files, then review the diff.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GoldenTranslationTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    static final long CREATED = 1_700_000_000L;
    /** The Responses API's item ids are random: a golden file shows where one is, not its digits. */
    private static final Pattern RANDOM_ITEM_ID = Pattern.compile("\\b(msg|fc|rs|call)_[0-9a-f]{48}\\b");

    protected abstract String provider();

    protected abstract JsonNode writeRequest(CanonicalRequest request);

    protected abstract CanonicalResponse readResponse(byte[] body);

    protected abstract StreamEventReader streamReader();

    Stream<String> requestCases() throws IOException {
        return cases("request", ".canonical.json");
    }

    Stream<String> responseCases() throws IOException {
        return cases("response", ".upstream.json");
    }

    Stream<String> streamCases() throws IOException {
        return cases("stream", ".sse");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestCases")
    void canonicalRequestBecomesTheNativeRequest(String name) throws IOException {
        CanonicalRequest request = Json.MAPPER.readValue(read("request", name + ".canonical.json"), CanonicalRequest.class);
        check("request", name + ".upstream.json", pretty(writeRequest(request)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responseCases")
    void nativeResponseBecomesCanonical(String name) throws IOException {
        CanonicalResponse response = readResponse(read("response", name + ".upstream.json"));
        check("response", name + ".canonical.json", pretty(Json.MAPPER.valueToTree(response)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responseCases")
    void nativeResponseBecomesEachCallersAnswer(String name) throws IOException {
        CanonicalResponse response = readResponse(read("response", name + ".upstream.json"));
        check("response", name + ".openai.json", pretty(Json.MAPPER.readTree(
                io.keyroute.api.wire.openai.OpenAiResponseWriter.write(response, CREATED))));
        check("response", name + ".anthropic.json", pretty(Json.MAPPER.readTree(
                io.keyroute.api.wire.anthropic.AnthropicResponseWriter.write(response))));
        check("response", name + ".responses.json", withoutRandomIds(pretty(Json.MAPPER.readTree(
                ResponsesResponseWriter.write(response, responsesRequest(), "resp_golden", CREATED)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCases")
    void nativeStreamBecomesOpenAiChunks(String name) throws IOException {
        check("stream", name + ".chunks.jsonl", translate(name, new OpenAiChunkWriter(CREATED, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCases")
    void nativeStreamBecomesAnthropicEvents(String name) throws IOException {
        check("stream", name + ".anthropic.jsonl", translate(name, new AnthropicEventWriter("requested-model")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCases")
    void nativeStreamBecomesResponsesEvents(String name) throws IOException {
        String events = translate(name, new ResponsesEventWriter(responsesRequest(), "resp_golden", CREATED));
        check("stream", name + ".responses.jsonl", withoutRandomIds(events));
    }

    /** What a Responses caller sent: the answer echoes its settings. */
    private static ResponsesRequest responsesRequest() {
        return ResponsesRequestReader.read("{\"model\":\"requested-model\",\"input\":\"Hi\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static String withoutRandomIds(String text) {
        return RANDOM_ITEM_ID.matcher(text).replaceAll("$1_(random)");
    }

    private String translate(String name, StreamEventWriter writer) throws IOException {
        var decoder = new CanonicalStreamDecoder(streamReader(), writer);
        List<String> lines = new ArrayList<>();
        StreamOutput out = new StreamOutput() {
            @Override
            public void event(SseEvent event) {
                lines.add(event.event() == null ? event.data() : "event: " + event.event() + " " + event.data());
            }

            @Override
            public void usage(io.keyroute.api.Usage usage) {
            }
        };
        SseReader reader = new SseReader(new ByteArrayInputStream(read("stream", name + ".sse")));
        for (SseEvent e = reader.next(); e != null; e = reader.next()) {
            decoder.onEvent(e, out);
        }
        lines.add("complete=" + decoder.complete());
        return String.join("\n", lines) + "\n";
    }

    private Stream<String> cases(String direction, String suffix) throws IOException {
        Path dir = dir(direction);
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(suffix))
                    .map(f -> f.substring(0, f.length() - suffix.length())).sorted().toList().stream();
        }
    }

    private Path dir(String direction) {
        return Path.of("src/test/resources/golden", provider(), direction);
    }

    private byte[] read(String direction, String file) throws IOException {
        return Files.readAllBytes(dir(direction).resolve(file));
    }

    private void check(String direction, String file, String actual) throws IOException {
        Path expected = dir(direction).resolve(file);
        if (UPDATE || !Files.exists(expected)) {
            Files.writeString(expected, actual);
            if (!UPDATE) {
                throw new AssertionError("wrote missing golden file " + expected + ": review it and run again");
            }
            return;
        }
        String want = Files.readString(expected, StandardCharsets.UTF_8);
        if (file.endsWith(".json")) {
            assertThat(Json.MAPPER.readTree(actual)).as(file).isEqualTo(Json.MAPPER.readTree(want));
        } else {
            assertThat(actual).as(file).isEqualTo(want);
        }
    }

    private static String pretty(JsonNode node) throws IOException {
        return Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node) + "\n";
    }
}
