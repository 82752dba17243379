package io.keyroute.api.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.keyroute.api.Json;
import io.keyroute.api.RawBody;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The spans {@link SplicableBodies#parse(byte[], String)} finds for a top-level array's items, in the same pass as
 * the tree: each span is exactly that item's JSON as sent (whitespace around it left out), and the tree is the one
 * {@code readTree} builds.
 */
class SplicableItemsPropertyTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property
    void eachSpanIsItsItemAsSentAndTheTreeIsReadTrees(@ForAll("items") List<JsonNode> items, @ForAll("gaps") String gap,
                                                     @ForAll boolean inputFirst) throws Exception {
        StringBuilder array = new StringBuilder("[").append(gap);
        for (int i = 0; i < items.size(); i++) {
            array.append(i == 0 ? "" : gap + "," + gap).append(items.get(i).toString());
        }
        array.append(gap).append(']');
        String input = "\"input\"" + gap + ":" + gap + array;
        String other = "\"model\":\"openai/gpt-4o-mini\",\"instructions\":\"é\\\"\",\"metadata\":{\"input\":[1]}";
        byte[] body = ("{" + (inputFirst ? input + "," + other : other + "," + input) + "}").getBytes(StandardCharsets.UTF_8);

        SplicableBodies.Parsed parsed = SplicableBodies.parse(body, "input");

        assertThat(parsed.tree()).isEqualTo(Json.MAPPER.readTree(body));
        RawBody raw = parsed.raw();
        int[] spans = raw.items();
        assertThat(spans).hasSize(2 * items.size());
        for (int i = 0; i < items.size(); i++) {
            String sent = new String(Arrays.copyOfRange(body, spans[2 * i], spans[2 * i + 1]), StandardCharsets.UTF_8);
            assertThat(sent).isEqualTo(items.get(i).toString());
        }
        assertThat(SplicableBodies.parse(body).raw().items()).as("no array asked for").isNull();
    }

    /** Each item as the caller sent it: spacing, escapes and UTF-8 untouched; fields around it read, nested names ignored. */
    @Example
    void theItemsOfTheTopLevelArrayAreFoundAsSent() {
        String first = "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"a ] bracket, a \\\"quote\\\", \\u00e9 and é\"}]}";
        String second = "{ \"type\" : \"function_call_output\", \"call_id\" : \"c\", \"output\" : \"{}\" }";
        byte[] body = ("{\"model\":\"m\",\"metadata\":{\"input\":[1]},\"input\":[ " + first + " ,\n " + second
                + " ],\"tools\":[]}").getBytes(StandardCharsets.UTF_8);

        RawBody raw = SplicableBodies.parse(body, "input").raw();

        int[] spans = raw.items();
        assertThat(List.of(new String(body, spans[0], spans[1] - spans[0], StandardCharsets.UTF_8),
                new String(body, spans[2], spans[3] - spans[2], StandardCharsets.UTF_8))).containsExactly(first, second);
        assertThat(spans).hasSize(4);
        assertThat(SplicableBodies.parse("{\"model\":\"m\",\"input\":[]}".getBytes(StandardCharsets.UTF_8), "input")
                .raw().items()).isEmpty();
    }

    @Property
    void anInputThatIsNotAnArrayHasNoSpans(@ForAll("scalars") JsonNode input) throws Exception {
        byte[] body = ("{\"model\":\"m\",\"input\":" + input + "}").getBytes(StandardCharsets.UTF_8);

        SplicableBodies.Parsed parsed = SplicableBodies.parse(body, "input");

        assertThat(parsed.tree()).isEqualTo(Json.MAPPER.readTree(body));
        assertThat(parsed.raw().items()).isNull();
    }

    @Provide
    Arbitrary<List<JsonNode>> items() {
        return item(3).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> gaps() {
        return Arbitraries.of("", " ", "\n  ", "\t");
    }

    @Provide
    Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(text().map(NODES::textNode), Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.just(NODES.nullNode()), Arbitraries.just(NODES.objectNode().put("type", "message")));
    }

    /** Any JSON value up to {@code depth} deep: what an input item may be, valid or not. */
    private static Arbitrary<JsonNode> item(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(text().map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode), Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.booleanNode(false)));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> object = Combinators.combine(text(), item(depth - 1)).as((k, v) -> List.<Object>of(k, v))
                .list().ofMaxSize(3).map(fields -> {
                    var node = NODES.objectNode();
                    fields.forEach(f -> node.set((String) f.get(0), (JsonNode) f.get(1)));
                    return node;
                });
        Arbitrary<JsonNode> array = item(depth - 1).list().ofMaxSize(3).map(list -> {
            ArrayNode node = NODES.arrayNode();
            list.forEach(node::add);
            return node;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, scalar), net.jqwik.api.Tuple.of(3, object),
                net.jqwik.api.Tuple.of(1, array));
    }

    /** Text with what JSON escapes or writes as several UTF-8 bytes. */
    private static Arbitrary<String> text() {
        return Arbitraries.strings().withChars("ab \"\\/\n\té€\u0001").ofMaxLength(8);
    }
}
