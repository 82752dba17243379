package io.keyroute.server.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.keyroute.api.Json;
import io.keyroute.api.wire.JsonFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * An answer read as bytes, token by token, gives the texts its tree gives, and rewritten as bytes it is the
 * tree's rewrite: over bodies made of the fields that hold texts and of those that do not, nested anyhow.
 */
class ChatTextsTest {
    private static final Arbitrary<String> FIELDS = Arbitraries.of("content", "text", "system", "input", "output",
            "arguments", "refusal", "messages", "choices", "message", "delta", "tool_calls", "function", "part", "role",
            "model", "id", "usage", "name", "type");

    @Provide
    Arbitrary<ObjectNode> bodies() {
        return objects(3);
    }

    @Property(tries = 400)
    void bytesGiveTheTreesTexts(@ForAll("bodies") ObjectNode body) throws IOException {
        assertThat(ChatTexts.of(JsonFields.bytes(body))).isEqualTo(ChatTexts.of(body));
    }

    @Property(tries = 400)
    void bytesRewrittenAreTheTreeRewritten(@ForAll("bodies") ObjectNode body) throws IOException {
        List<String> texts = ChatTexts.of(body).stream().map(text -> "<EMAIL_1> \"" + text + "\"\n\u00e9").toList();
        byte[] rewritten = ChatTexts.with(JsonFields.bytes(body), texts);
        assertThat(Json.MAPPER.readTree(rewritten)).isEqualTo(ChatTexts.with(body, texts));
    }

    @Example
    void aRewriteKeepsEveryOtherTokenAsItCame() throws IOException {
        byte[] answer = bytes("""
                {"choices":[{"message":{"content":"hi a@b.io"},"logprobs":null}],"usage":{"cost":1.10,\
                "big":123456789012345678901234567890,"exp":1E+3}}""");
        assertThat(new String(ChatTexts.with(answer, List.of("hi <EMAIL_1>")), StandardCharsets.UTF_8)).isEqualTo("""
                {"choices":[{"message":{"content":"hi <EMAIL_1>"},"logprobs":null}],"usage":{"cost":1.10,\
                "big":123456789012345678901234567890,"exp":1E+3}}""");
    }

    @Example
    void aRepeatedFieldIsReadAtEachOccurrence() throws IOException {
        byte[] answer = bytes("{\"message\":{\"content\":\"first\",\"content\":\"second\"}}");
        assertThat(ChatTexts.of(answer)).containsExactly("first", "second");
        assertThat(new String(ChatTexts.with(answer, List.of("1", "2")), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":{\"content\":\"1\",\"content\":\"2\"}}");
    }

    @Example
    void onlyOneJsonObjectIsABody() {
        assertThatThrownBy(() -> ChatTexts.of(bytes("[{\"content\":\"x\"}]"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ChatTexts.of(bytes("{\"content\":\"x\"} {}"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ChatTexts.of(bytes("{\"content\":\"x\""))).isInstanceOf(IOException.class);
    }

    @Example
    void aRewriteNeedsAsManyTextsAsTheBodyHolds() {
        byte[] answer = bytes("{\"content\":\"a\",\"text\":\"b\"}");
        assertThatThrownBy(() -> ChatTexts.with(answer, List.of("a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatTexts.with(answer, List.of("a", "b", "c")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static Arbitrary<ObjectNode> objects(int depth) {
        return Arbitraries.maps(FIELDS, values(depth)).ofMaxSize(4).map(fields -> {
            ObjectNode object = Json.MAPPER.createObjectNode();
            fields.forEach(object::set);
            return object;
        });
    }

    private static Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab \"\\\n\u00e9\u20ac@.").ofMaxLength(8).map(TextNode::valueOf),
                Arbitraries.integers().map(IntNode::valueOf),
                Arbitraries.doubles().between(-1e6, 1e6).map(DoubleNode::valueOf),
                Arbitraries.of(NullNode.getInstance(), BooleanNode.TRUE));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<JsonNode> arrays = values(depth - 1).list().ofMaxSize(3).map(elements -> {
            ArrayNode array = Json.MAPPER.createArrayNode();
            elements.forEach(array::add);
            return array;
        });
        return Arbitraries.frequencyOf(
                Tuple.of(3, scalars),
                Tuple.of(2, objects(depth - 1).map(JsonNode.class::cast)),
                Tuple.of(1, arrays));
    }
}
