package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.wire.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Response written straight onto a generator is, character for character, what the tree it used to be built as
 * serialises to ({@link TreeResponseOracle}): for any answer a translation writes whole (every kind of output item,
 * cut or not, usage with cached and reasoning tokens), and for any snapshot a stream's lifecycle events carry (in
 * progress, ended, failed with its error), with the caller's settings echoed, and texts with escapes, non-ASCII
 * characters and surrogate pairs.
 */
class ResponseBytesPropertyTest {
    private static final String ID = "resp_0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final long CREATED = 1_741_476_542L;
    private static final List<ResponsesRequest> REQUESTS = List.of(
            request("{\"model\":\"m\",\"input\":\"hi\"}"),
            request("""
                    {"model":"gpt-5-codex","input":"Fix it","instructions":"Be brief.","max_output_tokens":256,
                     "temperature":0.7,"top_p":1,"user":"u-1","parallel_tool_calls":false,"store":false,
                     "previous_response_id":"resp_prev","reasoning":{"effort":"high","summary":"auto"},
                     "text":{"format":{"type":"json_schema","name":"a","schema":{"type":"object"},"strict":true}},
                     "tool_choice":"required","truncation":"auto","metadata":{"k":"v","\\u00e9":"\\"q\\""},
                     "tools":[{"type":"function","name":"search","parameters":{"type":"object"}},{"type":"local_shell"},
                              {"type":"custom","name":"apply_patch","description":"Patch"}]}"""));

    @Property(tries = 200)
    void aWholeAnswerIsWhatItsTreeWas(@ForAll("answers") CanonicalResponse answer, @ForAll("requests") ResponsesRequest request) {
        ResponseObject.Stage stage = ResponsesResponseWriter.stage(answer, request);

        assertThat(utf8(new ResponseObject(request, ID, CREATED).bytes(stage)))
                .isEqualTo(utf8(JsonFields.bytes(TreeResponseOracle.response(request, ID, CREATED, stage))));
    }

    @Property(tries = 200)
    void aStreamsSnapshotIsWhatItsTreeWas(@ForAll("stages") ResponseObject.Stage stage,
                                          @ForAll("requests") ResponsesRequest request) {
        List<String> sent = new ArrayList<>();
        SequencedEvents events = new SequencedEvents();
        events.to((type, data) -> sent.add(data));

        new StreamedResponse(request, ID, CREATED).send("response.failed", stage, events);

        ObjectNode event = JsonFields.object().put("type", "response.failed");
        event.set("response", TreeResponseOracle.response(request, ID, CREATED, stage));
        event.put("sequence_number", 0);
        assertThat(sent).containsExactly(JsonFields.write(event));
        assertThat(utf8(new ResponseObject(request, ID, CREATED).bytes(stage)))
                .isEqualTo(utf8(JsonFields.bytes(TreeResponseOracle.response(request, ID, CREATED, stage))));
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ResponsesRequest request(String json) {
        return ResponsesRequestReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<ResponsesRequest> requests() {
        return Arbitraries.of(REQUESTS);
    }

    @Provide
    Arbitrary<CanonicalResponse> answers() {
        Arbitrary<Part> part = Arbitraries.oneOf(
                texts().map(Part.Text::new),
                texts().map(Part.Reasoning::unsigned),
                Combinators.combine(texts(), texts().filter(s -> !s.isEmpty())).as(Part.Reasoning::new),
                texts().filter(s -> !s.isEmpty()).map(Part.RedactedReasoning::new),
                Combinators.combine(Arbitraries.of("toolu_1", "call_abc").injectNull(0.3),
                        Arbitraries.of("search", "apply_patch", "local_shell", "unoffered"), arguments())
                        .as(Part.ToolCall::new),
                Arbitraries.just(Part.Image.ofUrl("https://example.com/a.png")));
        return Combinators.combine(Arbitraries.of("gpt-4.1", "claude-sonnet-4-5").injectNull(0.3),
                        part.list().ofMaxSize(8), Arbitraries.of(FinishReason.class).injectNull(0.2), usages())
                .as((model, parts, reason, usage) -> new CanonicalResponse("id", model, parts, reason, null, usage));
    }

    @Provide
    Arbitrary<ResponseObject.Stage> stages() {
        Arbitrary<String> model = Arbitraries.of("gpt-4.1", "m");
        Arbitrary<List<OutputItem>> output = items().list().ofMaxSize(6);
        return Arbitraries.oneOf(
                model.map(StreamedResponse::inProgress),
                Combinators.combine(model, output, Arbitraries.of(FinishReason.class).injectNull(0.2),
                        usages().injectNull(0.3)).as(StreamedResponse::ended),
                Combinators.combine(model, output, usages().injectNull(0.3), Arbitraries.of(ErrorType.class), texts())
                        .as(StreamedResponse::failed));
    }

    private static Arbitrary<OutputItem> items() {
        Arbitrary<String> id = Arbitraries.of("msg_1", "fc_2", "ctc_3", "rs_4", "call_5");
        Arbitrary<String> status = Arbitraries.of("in_progress", "completed", "incomplete");
        return Arbitraries.oneOf(
                Combinators.combine(id, status, texts().injectNull(0.2)).as(OutputItem.Message::new),
                Combinators.combine(id, status, id, texts(), arguments()).as(OutputItem.FunctionCall::new),
                Combinators.combine(id, status, id, texts(), texts()).as(OutputItem.CustomToolCall::new),
                Combinators.combine(id, status, arguments())
                        .as((callId, s, arguments) -> new OutputItem.LocalShellCall(callId, s, ClientTools.shellAction(arguments))),
                Combinators.combine(id, texts().injectNull(0.3), texts().injectNull(0.5)).as(OutputItem.Reasoning::new));
    }

    private static Arbitrary<Usage> usages() {
        Arbitrary<Long> count = Arbitraries.longs().between(0, 2_000_000);
        return Combinators.combine(count, count, count, count, count, count).as(Usage::new);
    }

    /** A tool's arguments: JSON a shell command or a custom tool's input is read from, or anything else. */
    private static Arbitrary<String> arguments() {
        return Arbitraries.oneOf(
                Arbitraries.of("{\"q\":\"x\"}", "{\"command\":[\"ls\",\"-la\"],\"env\":{\"A\":\"b\"},\"timeout_ms\":1000}",
                        "{\"command\":\"pwd\",\"working_directory\":\"/tmp\",\"timeout_ms\":1.5,\"user\":\"me\"}",
                        "{\"command\":[1,true,null]}", "not json", ""),
                texts().map(input -> JsonFields.write(JsonFields.object().put("input", input))),
                texts());
    }

    /** Texts with what a writer escapes or passes: quotes, controls, non-ASCII, U+2028, a surrogate pair. */
    private static Arbitrary<String> texts() {
        Arbitrary<String> chars = Arbitraries.strings().withCharRange('\u0000', '\u00ff')
                .withChars('\u2028', '\u4e2d', '"', '\\', '/').ofMaxLength(16);
        return Combinators.combine(chars, Arbitraries.of("", "", "\uD83D\uDE00")).as(String::concat);
    }
}
