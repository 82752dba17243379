package io.keyroute.server.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.WireFormat;
import io.keyroute.api.wire.JsonFields;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.server.config.KeyrouteConfig.GuardrailSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A streamed answer's text, cut into deltas anywhere, reaches the caller as the whole answer's checked text
 * would, in each of the three stream shapes: the model's e-mail addresses redacted (never a fragment of one
 * sent), the caller's own restored; and a Responses stream stays numbered in order after the events it adds.
 */
class StreamGuardPropertyTest {
    private static final String OWN = "ada@lovelace.example";
    private static final String PLACEHOLDER = "<EMAIL_1>";

    @Provide
    Arbitrary<List<String>> chunkings() {
        Arbitrary<String> words = Arbitraries.of("hello ", "write to ", PLACEHOLDER, " ", "bob.smith@mail.example.com",
                ", or ", "x@y.io", ".", "\n", "<EMAIL_", "caf\u00e9 ");
        return words.list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join("", parts))
                .flatMap(text -> cuts(text).map(cuts -> split(text, cuts)));
    }

    private static Arbitrary<List<Integer>> cuts(String text) {
        return Arbitraries.integers().between(0, text.length()).list().ofMaxSize(8)
                .map(list -> list.stream().distinct().sorted().toList());
    }

    private static List<String> split(String text, List<Integer> cuts) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            pieces.add(text.substring(from, cut));
            from = cut;
        }
        pieces.add(text.substring(from));
        return pieces;
    }

    @Property(tries = 300)
    void chatChunksGiveTheWholeTextsRedaction(@ForAll("chunkings") List<String> deltas) {
        GuardrailRun run = run();
        List<SseEvent> in = new ArrayList<>();
        for (String delta : deltas) {
            in.add(SseEvent.data(chunk(delta, null)));
        }
        in.add(SseEvent.data(chunk(null, "stop")));
        in.add(SseEvent.data("[DONE]"));
        String sent = joined(pass(run, WireFormat.OPENAI_CHAT, in), e -> e.at("/choices/0/delta/content").asText(""));
        assertThat(sent).isEqualTo(expected(run, String.join("", deltas)));
    }

    @Property(tries = 200)
    void messagesDeltasGiveTheWholeTextsRedaction(@ForAll("chunkings") List<String> deltas) {
        GuardrailRun run = run();
        List<SseEvent> in = new ArrayList<>();
        in.add(new SseEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String delta : deltas) {
            ObjectNode event = Json.MAPPER.createObjectNode().put("type", "content_block_delta").put("index", 0);
            event.putObject("delta").put("type", "text_delta").put("text", delta);
            in.add(new SseEvent("content_block_delta", event.toString()));
        }
        in.add(new SseEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        List<JsonNode> out = pass(run, WireFormat.ANTHROPIC_MESSAGES, in);
        String sent = joined(out, e -> e.at("/delta/text").asText(""));
        assertThat(sent).isEqualTo(expected(run, String.join("", deltas)));
        assertThat(out.getLast().path("type").asText()).isEqualTo("content_block_stop");
    }

    @Property(tries = 200)
    void responsesDeltasGiveTheWholeTextsRedactionNumberedInOrder(@ForAll("chunkings") List<String> deltas) {
        GuardrailRun run = run();
        List<SseEvent> in = new ArrayList<>();
        int n = 0;
        for (String delta : deltas) {
            ObjectNode event = Json.MAPPER.createObjectNode().put("type", "response.output_text.delta")
                    .put("item_id", "msg_1").put("output_index", 0).put("content_index", 0).put("delta", delta)
                    .put("sequence_number", n++);
            in.add(new SseEvent("response.output_text.delta", event.toString()));
        }
        String whole = String.join("", deltas);
        ObjectNode done = Json.MAPPER.createObjectNode().put("type", "response.output_text.done").put("item_id", "msg_1")
                .put("output_index", 0).put("content_index", 0).put("text", whole).put("sequence_number", n++);
        in.add(new SseEvent("response.output_text.done", done.toString()));
        ObjectNode completed = Json.MAPPER.createObjectNode().put("type", "response.completed").put("sequence_number", n);
        completed.putObject("response").putArray("output").addObject().put("type", "message").putArray("content")
                .addObject().put("type", "output_text").put("text", whole);
        in.add(new SseEvent("response.completed", completed.toString()));

        List<JsonNode> out = pass(run, WireFormat.OPENAI_RESPONSES, in);
        String sent = joined(out, e -> e.path("type").asText().equals("response.output_text.delta")
                ? e.path("delta").asText() : "");
        String expected = expected(run, whole);
        assertThat(sent).isEqualTo(expected);
        assertThat(out).extracting(e -> e.path("sequence_number").asInt()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, out.size()).boxed().toList());
        assertThat(out.get(out.size() - 2).path("text").asText()).isEqualTo(expected);
        assertThat(out.getLast().at("/response/output/0/content/0/text").asText()).isEqualTo(expected);
    }

    /** A run whose request had the caller's own address redacted (to be restored) and that redacts others in the answer. */
    private static GuardrailRun run() {
        Guardrails guardrails = Guardrails.build(List.of(new GuardrailSettings("pii", "pii", List.of("input", "output"),
                "redact", List.of("email"), null, null, null, true, null)), GuardrailTypes.builtIn());
        GuardrailRun run = guardrails.start(null, null, List::of, GuardrailEvents.NONE);
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.putArray("messages").addObject().put("role", "user").put("content", "I am " + OWN);
        assertThat(run.request(request).at("/messages/0/content").asText()).isEqualTo("I am " + PLACEHOLDER);
        return run;
    }

    /** The text as a whole answer would be checked: the caller's own value restored, other addresses redacted. */
    private static String expected(GuardrailRun run, String whole) {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.putArray("choices").addObject().putObject("message").put("content", whole);
        GuardrailRun fresh = run();
        try {
            return Json.MAPPER.readTree(fresh.answer(JsonFields.bytes(answer))).at("/choices/0/message/content").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String chunk(String content, String finish) {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) {
            delta.put("content", content);
        }
        if (finish != null) {
            choice.put("finish_reason", finish);
        } else {
            choice.putNull("finish_reason");
        }
        return chunk.toString();
    }

    private static List<JsonNode> pass(GuardrailRun run, WireFormat format, List<SseEvent> events) {
        StreamGuard guard = run.stream(format);
        List<JsonNode> out = new ArrayList<>();
        for (SseEvent event : events) {
            guard.pass(event, sent -> {
                if (sent.data().startsWith("{")) {
                    try {
                        out.add(Json.MAPPER.readTree(sent.data()));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        }
        assertThat(guard.refused()).isNull();
        return out;
    }

    private static String joined(List<JsonNode> events, Function<JsonNode, String> text) {
        StringBuilder all = new StringBuilder();
        events.forEach(e -> all.append(text.apply(e)));
        return all.toString();
    }
}
