package io.keyroute.api.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.ResponseFormat;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link OpenAiRequestWriter} writes every request as the tree writer before it did ({@link TreeOpenAiRequestWriter},
 * the oracle, with {@code prompt_cache_key} put last and serialised as the adapter did): generated conversations of every role, user
 * parts of every kind (text, images by URL and inline, documents as data with and without a title, as text), tool calls
 * and results (with the images and documents a tool returned), reasoning, tools with and without a description and
 * parameters (nested, every number kind), every tool choice, every parameter and response format, thinking by effort
 * and by budget for models that reason and that do not, streamed or not; texts with quotes, escapes, control
 * characters, U+2028 and surrogate pairs. The same bytes, so the same fields in the same order; and a document by URL
 * fails alike, with the same {@link ClientError}.
 */
class OpenAiRequestWriterPropertyTest {
    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
    // Each generator built once, in the order they need each other.
    private static final Arbitrary<String> TEXT = text();
    private static final Arbitrary<String> NAME = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    private static final Arbitrary<JsonNode> JSON = json(3);
    private static final Arbitrary<Part> IMAGE = Arbitraries.oneOf(
            NAME.map(n -> Part.Image.ofUrl("https://example.com/" + n + ".png")),
            NAME.map(n -> Part.Image.inline("image/png", n + "AAAA")));
    private static final Arbitrary<Part> DOCUMENT = Arbitraries.oneOf(
            Combinators.combine(NAME, NAME.injectNull(0.5)).as((d, t) -> Part.Document.inline(Part.Document.PDF, d, t)),
            Combinators.combine(TEXT, TEXT.injectNull(0.5), TEXT.injectNull(0.5))
                    .as((x, t, c) -> new Part.Document(null, "text/plain", null, x, t, c)));
    private static final Arbitrary<Part> FILE = Arbitraries.oneOf(IMAGE, DOCUMENT);
    private static final Arbitrary<Part> TEXT_PART = TEXT.map(Part.Text::new);
    private static final Arbitrary<Part> REASONING = Arbitraries.oneOf(
            Combinators.combine(TEXT, NAME.injectNull(0.5)).as(Part.Reasoning::new),
            NAME.map(Part.RedactedReasoning::new));
    private static final Arbitrary<Part> TOOL_CALL = Combinators.combine(NAME.injectNull(0.1), NAME,
            Arbitraries.oneOf(JSON.map(JsonFields::write), TEXT, Arbitraries.just("")).injectNull(0.1))
            .as(Part.ToolCall::new);
    private static final Arbitrary<Part> TOOL_RESULT = Combinators.combine(NAME,
            Arbitraries.frequencyOf(Tuple.of(4, TEXT_PART), Tuple.of(1, FILE)).list().ofMaxSize(3), Arbitraries.of(true, false))
            .as(Part.ToolResult::new);
    private static final Arbitrary<Message> MESSAGE = message();
    private static final Arbitrary<Tool> TOOL = Combinators.combine(NAME, TEXT.injectNull(0.4), JSON.injectNull(0.4))
            .as(Tool::new);
    private static final Arbitrary<ToolChoice> TOOL_CHOICE = Arbitraries.oneOf(
            Arbitraries.of(ToolChoice.AUTO, ToolChoice.ANY, ToolChoice.NONE), NAME.map(ToolChoice::named)).injectNull(0.3);
    private static final Arbitrary<ResponseFormat> RESPONSE_FORMAT = Combinators.combine(
            Arbitraries.of(ResponseFormat.Kind.class), NAME.injectNull(0.4), JSON.injectNull(0.4),
            Arbitraries.of(true, false).injectNull(0.4)).as(ResponseFormat::new).injectNull(0.5);
    private static final Arbitrary<Thinking> THINKING = Arbitraries.oneOf(
            Arbitraries.of("minimal", "low", "medium", "high").map(Thinking::ofEffort),
            Arbitraries.of(0, 1024, 2048, 2049, 8192, 32_000).map(Thinking::ofBudget)).injectNull(0.4);
    private static final Arbitrary<Params> PARAMS = params();

    @Property(tries = 200, edgeCases = EdgeCasesMode.MIXIN)
    void writesEveryRequestAsTheTreeWriterDid(@ForAll("requests") CanonicalRequest request,
                                              @ForAll("models") String model,
                                              @ForAll("cacheKeys") String promptCacheKey) {
        ObjectNode oracle = TreeOpenAiRequestWriter.write(request, model);
        if (promptCacheKey != null) {
            oracle.put("prompt_cache_key", promptCacheKey);
        }

        byte[] sent = JsonFields.bytes(oracle);

        byte[] written = OpenAiRequestWriter.write(request, model, promptCacheKey);

        assertThat(JsonFields.parse(written)).isEqualTo(JsonFields.parse(sent));
        assertThat(new String(written, StandardCharsets.UTF_8)).as("the bytes the tree was sent as")
                .isEqualTo(new String(sent, StandardCharsets.UTF_8));
        Statistics.label("messages").collect(oracle.path("messages").size());
    }

    @Property(tries = 50)
    void aDocumentByUrlFailsAsInTheTreeWriter(@ForAll("requests") CanonicalRequest request,
                                               @ForAll("documentsByUrl") Part document) {
        List<Message> messages = new ArrayList<>(request.messages());
        messages.add(new Message(Role.USER, List.of(new Part.Text("Read this."), document)));
        CanonicalRequest withUrl = new CanonicalRequest(request.model(), messages, request.tools(),
                request.toolChoice(), request.params(), request.stream(), request.includeUsage());

        ClientError expected = catchThrowableOfType(ClientError.class, () -> TreeOpenAiRequestWriter.write(withUrl, "gpt-4o"));
        ClientError actual = catchThrowableOfType(ClientError.class, () -> OpenAiRequestWriter.write(withUrl, "gpt-4o", "k"));

        assertThat(expected).isNotNull();
        assertThat(actual).isNotNull();
        assertThat(List.of(actual.status(), actual.code(), actual.getMessage(), actual.param()))
                .isEqualTo(List.of(expected.status(), expected.code(), expected.getMessage(), expected.param()));
    }

    @Provide
    Arbitrary<CanonicalRequest> requests() {
        return Combinators.combine(MESSAGE.list().ofMaxSize(8), TOOL.list().ofMaxSize(3), TOOL_CHOICE, PARAMS,
                        Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((messages, tools, choice, params, stream, usage) ->
                        new CanonicalRequest("m", messages, tools, choice, params, stream, usage));
    }

    /** Models that reason (a thinking budget becomes an effort) and that do not (it is left out). */
    @Provide
    Arbitrary<String> models() {
        return Arbitraries.of("gpt-4o-mini", "gpt-4.1", "o3", "o1-mini", "gpt-5", "gpt-5-chat-latest", "openai/o4-mini",
                "deepseek-chat");
    }

    @Provide
    Arbitrary<String> cacheKeys() {
        return NAME.map(n -> "kr-" + n).injectNull(0.5);
    }

    @Provide
    Arbitrary<Part> documentsByUrl() {
        return Combinators.combine(NAME, NAME.injectNull(0.5))
                .as((n, title) -> Part.Document.ofUrl("https://example.com/" + n + ".pdf", title));
    }

    /** Any role, with what that role holds (and, in user and assistant messages, reasoning, which is left out). */
    private static Arbitrary<Message> message() {
        Arbitrary<List<Part>> user = Arbitraries.oneOf(TEXT_PART.list().ofSize(1),
                Arbitraries.frequencyOf(Tuple.of(3, TEXT_PART), Tuple.of(2, FILE), Tuple.of(1, REASONING)).list().ofMaxSize(4));
        Arbitrary<List<Part>> assistant = Arbitraries.frequencyOf(Tuple.of(3, TEXT_PART), Tuple.of(3, TOOL_CALL),
                Tuple.of(1, REASONING)).list().ofMaxSize(4);
        return Arbitraries.oneOf(
                TEXT_PART.list().ofMinSize(1).ofMaxSize(2).map(parts -> new Message(Role.SYSTEM, parts)),
                user.map(parts -> new Message(Role.USER, parts)),
                assistant.map(parts -> new Message(Role.ASSISTANT, parts)),
                TOOL_RESULT.list().ofMinSize(1).ofMaxSize(3).map(parts -> new Message(Role.TOOL, List.copyOf(parts))));
    }

    private static Arbitrary<Params> params() {
        return Combinators.combine(Arbitraries.integers().between(1, 100_000).injectNull(0.4),
                        Arbitraries.doubles().between(0, 2).injectNull(0.4), Arbitraries.doubles().between(0, 1).injectNull(0.4),
                        TEXT.list().ofMaxSize(3), Arbitraries.longs().injectNull(0.4), RESPONSE_FORMAT, TEXT.injectNull(0.4),
                        Arbitraries.of(true, false).injectNull(0.4))
                .flatAs((maxTokens, temperature, topP, stop, seed, format, user, parallel) -> THINKING.map(thinking ->
                        new Params(maxTokens, temperature, topP, stop, seed, format, user, parallel, thinking)));
    }

    /** Text with what JSON must escape or carries in more than one UTF-16 unit. */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20),
                Arbitraries.strings().withChars('"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u2028', 'é', 'a')
                        .ofMaxLength(12),
                Arbitraries.of("😀 emoji", "日本語", "\uD83D\uDE00\u2029", ""));
    }

    /** A JSON value as a parsed body holds it (every number kind a parser makes), nested up to {@code depth}. */
    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                TEXT.map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().greaterOrEqual(1L << 40).map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(70), BigInteger.TWO.pow(80)).map(NODES::numberNode),
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> inner = json(depth - 1);
        Arbitrary<JsonNode> object = Combinators.combine(NAME.list().ofMaxSize(4), inner.list().ofSize(4))
                .as((keys, values) -> {
                    ObjectNode node = NODES.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        node.set(keys.get(i), values.get(i));
                    }
                    return node;
                });
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(3).map(values -> NODES.arrayNode().addAll(values));
        return Arbitraries.frequencyOf(Tuple.of(2, scalar), Tuple.of(2, object), Tuple.of(1, array));
    }
}
