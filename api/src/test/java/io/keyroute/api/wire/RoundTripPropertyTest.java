package io.keyroute.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.wire.anthropic.AnthropicRequestReader;
import io.keyroute.api.wire.anthropic.AnthropicRequestWriter;
import io.keyroute.api.wire.openai.OpenAiRequestReader;
import io.keyroute.api.wire.openai.OpenAiRequestWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Canonical → native → canonical keeps messages, roles, tool calls and their arguments, tools and
 * tool choice, for every wire format with a reader and a writer.
 */
class RoundTripPropertyTest {

    @Property(tries = 300)
    void openAiRoundTripKeepsTheConversation(@ForAll("conversations") CanonicalRequest request) {
        CanonicalRequest back = OpenAiRequestReader.read(
                (ObjectNode) JsonFields.parse(OpenAiRequestWriter.write(request, request.model(), null)));

        assertThat(back.messages()).isEqualTo(withoutErrorFlags(request.messages()));
        assertThat(back.tools()).isEqualTo(request.tools());
        assertThat(back.toolChoice()).isEqualTo(request.toolChoice());
        assertThat(back.params().maxTokens()).isEqualTo(request.params().maxTokens());
    }

    @Property(tries = 300)
    void anthropicRoundTripKeepsTheConversation(@ForAll("conversations") CanonicalRequest request) {
        CanonicalRequest back = AnthropicRequestReader.read(AnthropicRequestWriter.write(request, request.model(), 4096));

        assertThat(back.messages()).isEqualTo(request.messages());
        assertThat(back.tools()).isEqualTo(request.tools());
        assertThat(back.toolChoice()).isEqualTo(request.toolChoice());
        Integer expected = request.params().maxTokens() == null ? 4096 : request.params().maxTokens();
        assertThat(back.params().maxTokens()).as("max_tokens is always sent").isEqualTo(expected);
    }

    /** OpenAI's tool messages have no error flag. */
    private static List<Message> withoutErrorFlags(List<Message> messages) {
        return messages.stream().map(m -> new Message(m.role(), m.parts().stream().map(p ->
                p instanceof Part.ToolResult r ? (Part) new Part.ToolResult(r.toolCallId(), r.content(), false) : p)
                .toList())).toList();
    }

    @Provide
    Arbitrary<CanonicalRequest> conversations() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> args = Combinators.combine(name, text)
                .as((k, v) -> "{\"" + k + "\":" + io.keyroute.api.wire.JsonFields.write(
                        io.keyroute.api.Json.MAPPER.getNodeFactory().textNode(v)) + "}");
        Arbitrary<Part> image = Arbitraries.oneOf(
                name.map(n -> Part.Image.ofUrl("https://example.com/" + n + ".png")),
                name.map(n -> Part.Image.inline("image/png", n + "AAAA")));
        Arbitrary<List<Part>> userParts = Arbitraries.oneOf(text.map(t -> List.<Part>of(new Part.Text(t))),
                Combinators.combine(text, image).as((t, i) -> List.of(i, new Part.Text(t))));
        Arbitrary<Integer> rounds = Arbitraries.integers().between(1, 4);
        Arbitrary<Boolean> flags = Arbitraries.of(true, false);
        return Combinators.combine(rounds, userParts.list().ofSize(4), text.list().ofSize(4), name.list().ofSize(4),
                        args.list().ofSize(4), flags.list().ofSize(4), Arbitraries.integers().between(1, 8000).injectNull(0.3),
                        flags)
                .as((n, users, texts, names, arguments, toggles, maxTokens, withSystem) -> {
                    List<Message> messages = new ArrayList<>();
                    if (withSystem) {
                        messages.add(Message.text(Role.SYSTEM, texts.get(0)));
                    }
                    List<Tool> tools = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        messages.add(new Message(Role.USER, users.get(i)));
                        if (toggles.get(i)) {
                            String id = "call_" + i;
                            List<Part> parts = new ArrayList<>();
                            if (i % 2 == 0) {
                                parts.add(new Part.Text(texts.get(i)));
                            }
                            parts.add(new Part.ToolCall(id, names.get(i), arguments.get(i)));
                            messages.add(new Message(Role.ASSISTANT, parts));
                            messages.add(new Message(Role.TOOL, List.of(new Part.ToolResult(id,
                                    List.of(new Part.Text(texts.get(i))), i % 3 == 0))));
                            tools.add(new Tool(names.get(i) + i, "tool " + i,
                                    io.keyroute.api.Json.MAPPER.createObjectNode().put("type", "object")));
                        }
                        messages.add(Message.text(Role.ASSISTANT, texts.get(i)));
                    }
                    ToolChoice choice = tools.isEmpty() ? null : n % 2 == 0 ? ToolChoice.AUTO : ToolChoice.named(tools.get(0).name());
                    return new CanonicalRequest("m", messages, tools, choice,
                            new Params(maxTokens, null, null, List.of(), null, null, null, null, null), false, false);
                });
    }
}
