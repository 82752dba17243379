package io.keyroute.api.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.EmbeddingsRequest;
import io.keyroute.api.Json;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.ModelName;
import io.keyroute.api.wire.anthropic.AnthropicMessagesRequestReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzz targets for the request readers (issue 17): whatever body a caller sends (random bytes,
 * generated JSON, generated request bodies then mutated: truncated, bytes flipped or inserted,
 * slices repeated, nested deep), {@link OpenAiChatRequestReader}, {@link OpenAiEmbeddingsRequestReader},
 * {@link AnthropicMessagesRequestReader} and {@link SplicableBodies} either read it or refuse it with
 * the gateway's own 400 {@link ClientError}, never anything else (which would be a 500); and valid
 * bodies read back their model, stream flag and messages. Tries: {@code jqwik.tries.default}
 * (src/test/resources/junit-platform.properties, 200 per property; raise it with
 * {@code -Djqwik.tries.default=N}).
 */
class RequestReaderFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MODEL_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:/@+-";
    private static final Map<String, Function<byte[], ?>> READERS = Map.of(
            "chat", OpenAiChatRequestReader::read,
            "embeddings", OpenAiEmbeddingsRequestReader::read,
            "messages", AnthropicMessagesRequestReader::read,
            "splicable", SplicableBodies::parse);

    @Property
    void anyBytesAreReadOrRefusedWithA400(@ForAll byte[] body) {
        READERS.forEach((name, reader) -> readOrRefuse(name, reader, body));
    }

    @Property
    void mutatedRequestBodiesAreReadOrRefusedWithA400(@ForAll("mutatedBodies") byte[] body) {
        READERS.forEach((name, reader) -> readOrRefuse(name, reader, body));
    }

    @Property
    void whatTheChatReaderAcceptsHasAModelOfTheRulesAndTheParsedTree(@ForAll("mutatedBodies") byte[] body) {
        ChatRequest request;
        try {
            request = OpenAiChatRequestReader.read(body);
        } catch (ClientError refused) {
            Statistics.label("chat reader").collect("refused");
            return;
        }
        Statistics.label("chat reader").collect("read");
        Statistics.label("chat reader").coverage(c -> c.check("read").percentage(p -> p > 3));
        assertThat(ModelName.checked(request.model())).isEqualTo(request.body().path("model").asText());
        assertThat(request.body().path("messages").isArray()).isTrue();
        assertThat(request.body().path("messages").isEmpty()).isFalse();
    }

    @Property
    void validChatBodiesReadBackTheirModelStreamAndMessages(@ForAll("models") String model,
                                                           @ForAll("streamFlags") JsonNode stream,
                                                           @ForAll("conversations") ArrayNode messages,
                                                           @ForAll("extras") ObjectNode extras) throws Exception {
        ObjectNode body = extras.deepCopy();
        body.put("model", model);
        body.set("messages", messages);
        if (stream != null) {
            body.set("stream", stream);
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);

        for (ChatRequest read : List.of(OpenAiChatRequestReader.read(bytes), AnthropicMessagesRequestReader.read(bytes))) {
            assertThat(read.model()).isEqualTo(model);
            assertThat(read.stream()).isEqualTo(stream != null && stream.asBoolean());
            assertThat(read.body().get("messages")).isEqualTo(messages);
            assertThat(read.body()).isEqualTo(Json.MAPPER.readTree(bytes));
        }
        SplicableBodies.Parsed parsed = SplicableBodies.parse(bytes);
        assertThat(parsed.raw()).as("no duplicate key: the caller's bytes can be spliced").isNotNull();
        assertThat(new String(bytes, parsed.raw().modelStart(), parsed.raw().modelEnd() - parsed.raw().modelStart(),
                StandardCharsets.UTF_8)).isEqualTo("\"" + model + "\"");
    }

    @Property
    void validEmbeddingsBodiesReadBackTheirModelAndInput(@ForAll("models") String model,
                                                        @ForAll("embeddingInputs") JsonNode input) {
        ObjectNode body = NODES.objectNode().put("model", model);
        body.set("input", input);

        EmbeddingsRequest read = OpenAiEmbeddingsRequestReader.read(body.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(read.model()).isEqualTo(model);
        assertThat(read.body().get("input")).isEqualTo(input);
    }

    private static void readOrRefuse(String reader, Function<byte[], ?> read, byte[] body) {
        try {
            read.apply(body);
        } catch (ClientError refused) {
            assertThat(refused.status()).as(reader).isEqualTo(400);
            assertThat(refused.code()).as(reader).isNotBlank();
        }
        // Anything else propagates and fails the property: it would have been a 500.
    }

    @Provide
    Arbitrary<String> models() {
        return Arbitraries.strings().withChars(MODEL_CHARS).ofMinLength(1).ofMaxLength(ModelName.MAX_LENGTH);
    }

    @Provide
    Arbitrary<JsonNode> streamFlags() {
        return Arbitraries.<JsonNode>of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()).injectNull(0.3);
    }

    @Provide
    Arbitrary<ArrayNode> conversations() {
        Arbitrary<JsonNode> message = Combinators.combine(Arbitraries.of("user", "assistant", "system"), text())
                .as((role, content) -> NODES.objectNode().put("role", role).put("content", content));
        return message.list().ofMinSize(1).ofMaxSize(4).map(list -> NODES.arrayNode().addAll(list));
    }

    /** Other top-level members a caller may send; never the ones the properties set themselves. */
    @Provide
    Arbitrary<ObjectNode> extras() {
        Arbitrary<String> names = Arbitraries.of("temperature", "max_tokens", "user", "metadata", "tools", "x_vendor");
        return Combinators.combine(names, json(2)).as(Tuple::of).list().ofMaxSize(4).map(fields -> {
            ObjectNode extra = NODES.objectNode();
            fields.forEach(f -> extra.set(f.get1(), f.get2()));
            return extra;
        });
    }

    @Provide
    Arbitrary<JsonNode> embeddingInputs() {
        return Arbitraries.oneOf(text().filter(t -> !t.isEmpty()).map(NODES::textNode),
                text().list().ofMinSize(1).ofMaxSize(4).map(texts -> {
                    ArrayNode array = NODES.arrayNode();
                    texts.forEach(array::add);
                    return array;
                }));
    }

    /** Request-shaped bodies (the fields the readers look at, with any values), then mutated. */
    @Provide
    Arbitrary<byte[]> mutatedBodies() {
        // Mostly what a reader accepts, so mutations start from bodies that get past the first check.
        Arbitrary<JsonNode> model = Arbitraries.frequencyOf(Tuple.of(4, models().map(NODES::textNode)), Tuple.of(1, json(1)));
        Arbitrary<JsonNode> anyOrConversation = Arbitraries.frequencyOf(
                Tuple.of(4, conversations().map(c -> (JsonNode) c)), Tuple.of(1, json(2)));
        Arbitrary<JsonNode> stream = Arbitraries.frequencyOf(Tuple.of(3, streamFlags().map(f -> f == null ? NODES.nullNode() : f)),
                Tuple.of(1, json(1)));
        Arbitrary<String> name = Arbitraries.of("model", "messages", "stream", "stream_options", "input", "Model",
                "include_usage", "tools", "", "\u0000", "mödel");
        Arbitrary<List<Tuple.Tuple2<String, JsonNode>>> others = Combinators.combine(name, json(3)).as(Tuple::of)
                .list().ofMaxSize(3);
        Arbitrary<byte[]> requests = Combinators.combine(model, anyOrConversation, stream, others, Arbitraries.of(true, false))
                .as((m, messages, flag, more, keepModelFirst) -> render(m, messages, flag, more, keepModelFirst));
        Arbitrary<List<Mutation>> steps = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(List.<Mutation>of())),
                Tuple.of(3, mutations().list().ofMinSize(1).ofMaxSize(3)));
        return Combinators.combine(requests, steps)
                .as((body, mutations) -> {
                    byte[] out = body;
                    for (Mutation step : mutations) {
                        out = step.apply(out);
                    }
                    return out;
                });
    }

    /** Written by hand, not by Jackson: duplicate keys stay duplicate, in the order given. */
    private static byte[] render(JsonNode model, JsonNode messages, JsonNode stream, List<Tuple.Tuple2<String, JsonNode>> more,
                                 boolean modelFirst) {
        var out = new StringBuilder("{");
        if (modelFirst) {
            out.append("\"model\":").append(model).append(',');
        }
        out.append("\"messages\":").append(messages).append(",\"stream\":").append(stream);
        for (Tuple.Tuple2<String, JsonNode> field : more) {
            out.append(',').append(NODES.textNode(field.get1())).append(':').append(field.get2());
        }
        if (!modelFirst) {
            out.append(",\"model\":").append(model);
        }
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private interface Mutation {
        byte[] apply(byte[] body);
    }

    private static Arbitrary<Mutation> mutations() {
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
        Arbitrary<byte[]> junk = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8),
                Arbitraries.of("\"", "\\", "\\u", "\\ud800", "{", "}", "[", "]", ",", ":", "null", "1e999999", "-",
                                "\u0000", "\uFEFF", "\"model\":\"x\",", "/*", "NaN", "0x10")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        new byte[] {(byte) 0xFE, (byte) 0xFF}));
        return Arbitraries.oneOf(
                at.map(p -> body -> java.util.Arrays.copyOf(body, (int) (body.length * p))),
                Combinators.combine(at, Arbitraries.bytes()).as((p, b) -> body -> {
                    byte[] copy = body.clone();
                    if (copy.length > 0) {
                        copy[Math.min(copy.length - 1, (int) (copy.length * p))] = b;
                    }
                    return copy;
                }),
                Combinators.combine(at, junk).as((p, bytes) -> body -> insert(body, (int) (body.length * p), bytes)),
                Combinators.combine(at, at, Arbitraries.integers().between(2, 4)).as((from, to, times) -> body -> {
                    int a = (int) (body.length * Math.min(from, to));
                    int b = (int) (body.length * Math.max(from, to));
                    byte[] slice = java.util.Arrays.copyOfRange(body, a, b);
                    byte[] out = body;
                    for (int i = 1; i < times; i++) {
                        out = insert(out, b, slice);
                    }
                    return out;
                }),
                Arbitraries.integers().between(900, 3_000).map(depth -> body -> nested(body, depth)));
    }

    private static byte[] insert(byte[] body, int at, byte[] bytes) {
        var out = new ByteArrayOutputStream(body.length + bytes.length);
        out.write(body, 0, at);
        out.writeBytes(bytes);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    /** The body as the value of {@code messages} nested in {@code depth} arrays: past Jackson's nesting limit or not. */
    private static byte[] nested(byte[] body, int depth) {
        String open = "[".repeat(depth);
        String close = "]".repeat(depth);
        return ("{\"model\":\"m\",\"messages\":" + open + new String(body, StandardCharsets.UTF_8) + close + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(3),
                Arbitraries.of("😀", "\"", "\\", "</script>", "\u2028"));
    }

    /** Any JSON value up to {@code depth} levels: every number form, strings from anywhere in Unicode. */
    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.<JsonNode>of(NODES.nullNode(), NODES.booleanNode(true), NODES.booleanNode(false)),
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30))
                        .map(b -> (JsonNode) NODES.numberNode(b)),
                text().map(t -> (JsonNode) NODES.textNode(t)));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> array = Arbitraries.lazy(() -> json(depth - 1)).list().ofMaxSize(3)
                .map(items -> NODES.arrayNode().addAll(items));
        Arbitrary<JsonNode> object = Combinators.combine(Arbitraries.of("role", "content", "type", "text", "model", "x"),
                        Arbitraries.lazy(() -> json(depth - 1))).as(Tuple::of).list().ofMaxSize(3)
                .map(fields -> {
                    ObjectNode node = NODES.objectNode();
                    fields.forEach(f -> node.set(f.get1(), f.get2()));
                    return node;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, array), Tuple.of(1, object));
    }
}
