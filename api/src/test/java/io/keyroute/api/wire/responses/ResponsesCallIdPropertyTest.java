package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Usage;
import io.keyroute.api.canonical.CanonicalResponse;
import io.keyroute.api.canonical.FinishReason;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
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
import net.jqwik.api.Tuple;

/**
 * A tool loop as the SDKs run it: the writer's answer, its output items fed back as the next
 * request's input with a {@code function_call_output} per call, read again. No call's id, name or
 * arguments may be lost or changed on the way: the provider matches results to calls by id. (The
 * reasoning items fed back are OpenAI's to read; the translation leaves them out.)
 */
class ResponsesCallIdPropertyTest {

    @Property(tries = 300)
    void aToolLoopKeepsEveryCallId(@ForAll("answers") List<Part> answer) {
        JsonNode written = JsonFields.parse(ResponsesResponseWriter.write(new CanonicalResponse("id", "m", answer,
                FinishReason.TOOL_CALLS, null, Usage.NONE), ResponsesRequestReader.read(
                "{\"model\":\"m\",\"input\":\"go\"}".getBytes(StandardCharsets.UTF_8)), ResponsesIds.response(), 0));

        ObjectNode next = JsonFields.object().put("model", "m");
        ArrayNode input = next.putArray("input");
        input.addObject().put("role", "user").put("content", "go");
        written.path("output").forEach(item -> input.add(item.deepCopy()));
        List<String> callIds = new ArrayList<>();
        for (JsonNode item : written.path("output")) {
            if (item.path("type").asText().equals("function_call")) {
                callIds.add(item.path("call_id").asText());
                input.addObject().put("type", "function_call_output").put("call_id", item.path("call_id").asText())
                        .put("output", "result of " + item.path("name").asText());
            }
        }
        List<Message> turns = ResponsesRequestReader.read(JsonFields.bytes(next)).canonical().messages();

        List<Part.ToolCall> sent = answer.stream().filter(Part.ToolCall.class::isInstance).map(Part.ToolCall.class::cast)
                .toList();
        List<Part.ToolCall> readBack = turns.stream().filter(m -> m.role() == Role.ASSISTANT)
                .flatMap(m -> m.partsOf(Part.ToolCall.class).stream()).toList();
        assertThat(readBack).isEqualTo(sent);
        assertThat(callIds).containsExactlyElementsOf(sent.stream().map(Part.ToolCall::id).toList());
        assertThat(turns.stream().filter(m -> m.role() == Role.TOOL)
                .flatMap(m -> m.partsOf(Part.ToolResult.class).stream()).map(Part.ToolResult::toolCallId).toList())
                .containsExactlyElementsOf(callIds);
        assertThat(turns.stream().filter(m -> m.role() == Role.ASSISTANT).map(Message::text).toList())
                .as("one assistant turn with all the answer's text").containsExactly(new Message(Role.ASSISTANT, answer).text());
    }

    @Provide
    Arbitrary<List<Part>> answers() {
        Arbitrary<Part> call = Combinators.combine(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().alpha().numeric().withChars('_', '-').ofMinLength(1).ofMaxLength(64),
                Arbitraries.of("{}", "{\"q\":\"paris\"}", "{\"n\":[1,2,{\"deep\":null}]}", "not json"))
                .as((id, name, arguments) -> new Part.ToolCall(id, name, arguments));
        Arbitrary<Part> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(30).map(Part.Text::new);
        Arbitrary<Part> reasoning = Arbitraries.strings().ofMinLength(1).ofMaxLength(30).map(Part.Reasoning::unsigned);
        return Arbitraries.frequencyOf(Tuple.of(3, call), Tuple.of(1, text), Tuple.of(1, reasoning)).list().ofMinSize(1).ofMaxSize(6)
                .filter(parts -> parts.stream().anyMatch(Part.ToolCall.class::isInstance));
    }
}
