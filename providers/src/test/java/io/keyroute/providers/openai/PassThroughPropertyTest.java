package io.keyroute.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.providers.Credential;
import io.keyroute.providers.http.ProviderErrors;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the caller sends (fields Keyroute does not know, nesting, unicode and escapes, any
 * whitespace, duplicate keys, every stream/stream_options combination), the spliced bytes read as
 * exactly the tree the re-serialising path sends (kept as the fallback, and reached here through
 * {@link ChatRequest#withBody}), and they have no duplicate top-level key.
 */
class PassThroughPropertyTest {
    private static final URI OPENAI = URI.create("https://api.openai.com/v1");
    private static final Credential KEY = new Credential("cred-1", Secret.of("sk-test-0123456789abcdef"));
    /** Stands for "some whitespace" until a body is rendered; never in JSON text (strings escape it). */
    private static final char SPACE = '\u0001';

    private static final String MODEL_NAME_CHARS = "abcXYZ0189._:/@+-";

    private final OpenAiAdapter adapter = new OpenAiAdapter(new ProviderErrors(Clock.systemUTC()));

    record Field(String name, String value) {
    }

    @Property(tries = 600)
    void splicedBytesReadAsTheTreePathsBody(@ForAll("bodies") List<Field> fields, @ForAll("models") String model,
                                            @ForAll long whitespaceSeed) throws Exception {
        byte[] body = render(fields, new Random(whitespaceSeed)).getBytes(StandardCharsets.UTF_8);
        ChatRequest request = OpenAiChatRequestReader.read(body);
        assertThat(request.body()).as("the one-pass parse builds readTree's tree").isEqualTo(Json.MAPPER.readTree(body));

        byte[] sent = adapter.toUpstream(request, model, OPENAI, KEY).body();
        byte[] plain = adapter.toUpstream(request.withBody(request.body()), model, OPENAI, KEY).body();

        assertThat(Json.MAPPER.readTree(sent)).isEqualTo(Json.MAPPER.readTree(plain));
        assertThat(topLevelKeysUnique(sent)).as("no duplicate top-level key is sent").isTrue();
        boolean duplicates = fields.stream().map(Field::name).distinct().count() < fields.size();
        assertThat(request.raw() == null).isEqualTo(duplicates);
        boolean spliced = request.raw() != null && !(request.stream() && !request.clientWantsUsage()
                && request.body().has("stream_options"));
        if (spliced) {
            assertThat(sent).as("spliced, not re-serialised").isNotEqualTo(plain);
        }
        Statistics.label("path").collect(spliced ? "spliced" : "tree");
        Statistics.label("path").coverage(c -> c.check("spliced").percentage(p -> p > 30));
    }

    private static final List<String> RESERVED = List.of("model", "messages", "stream", "stream_options", "n", "max_tokens");

    /** A request's top-level members in any order: model, messages, maybe stream and its options, extras. */
    @Provide
    Arbitrary<List<Field>> bodies() {
        // A caller's model keeps to the model-name characters (the reader refuses others); escapes still reach the splice.
        Arbitrary<Field> model = Combinators.combine(Arbitraries.strings().withChars(MODEL_NAME_CHARS).ofMinLength(1)
                .ofMaxLength(12), Arbitraries.of(true, false))
                .as((name, escaped) -> new Field("model", escaped ? escapedEverywhere(name) : quoted(name)));
        Arbitrary<Field> messages = value(2).list().ofMinSize(1).ofMaxSize(3)
                .map(items -> new Field("messages", array(items)));
        Arbitrary<List<Field>> stream = Arbitraries.of("true", "false", "null").map(v -> new Field("stream", v))
                .list().ofMaxSize(2);
        Arbitrary<String> includeUsage = Arbitraries.of("true", "false", "null")
                .map(v -> "{" + SPACE + "\"include_usage\":" + SPACE + v + "}");
        Arbitrary<List<Field>> options = Arbitraries.oneOf(includeUsage, value(1))
                .map(v -> new Field("stream_options", v)).list().ofMaxSize(1);
        Arbitrary<String> names = Arbitraries.oneOf(strings(), Arbitraries.of("temperature", "user", "metadata"))
                // Members the reader checks (n, max_tokens) or whose case variants it refuses stay out of the extras.
                .filter(name -> RESERVED.stream().noneMatch(name::equalsIgnoreCase));
        Arbitrary<List<Field>> extras = Combinators.combine(names, value(3)).as(Field::new).list().ofMaxSize(5);
        Arbitrary<List<Field>> secondModel = model.list().ofMaxSize(1);
        return Combinators.combine(model, messages, stream, options, extras, secondModel).as((m, msgs, s, o, e, m2) -> {
            List<Field> all = new ArrayList<>(List.of(m, msgs));
            all.addAll(m2);
            all.addAll(s);
            all.addAll(o);
            all.addAll(e);
            return all;
        }).flatMap(Arbitraries::shuffle);
    }

    /** Upstream model names, including ones that need escaping. */
    @Provide
    Arbitrary<String> models() {
        return Arbitraries.oneOf(Arbitraries.of("gpt-4o-mini", "deepseek-chat", "a\"b\\c", "tab\there", "é😀"),
                strings().filter(s -> !s.isBlank()));
    }

    /** JSON text of a value, nested up to {@code depth}, with SPACE where whitespace may go. */
    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                strings().map(PassThroughPropertyTest::quoted),
                strings().map(PassThroughPropertyTest::escapedEverywhere),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "-0", "1E+2", "1.50000000000000000001", "12345678901234567890"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(3)
                .map(PassThroughPropertyTest::array);
        Arbitrary<String> object = Combinators.combine(strings(), Arbitraries.lazy(() -> value(depth - 1)))
                .as(Field::new).list().ofMaxSize(3).map(PassThroughPropertyTest::object);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, object));
    }

    /** Text from anywhere in Unicode, whole surrogate pairs included, quotes and control characters too. */
    private static Arbitrary<String> strings() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u007f').map(String::valueOf),
                Arbitraries.chars().range('\u0080', '\ud7ff').map(String::valueOf),
                Arbitraries.of("😀", "𝄞", "\"", "\\", "/", "model", "stream_options"));
        return piece.list().ofMaxSize(6).map(parts -> String.join("", parts));
    }

    private static boolean topLevelKeysUnique(byte[] json) throws java.io.IOException {
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            parser.nextToken();
            var seen = new HashSet<String>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (!seen.add(parser.currentName())) {
                    return false;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return true;
        }
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /** The same text with every character as a backslash-u escape. */
    private static String escapedEverywhere(String text) {
        return text.chars().mapToObj(c -> String.format("\\u%04x", c)).collect(Collectors.joining("", "\"", "\""));
    }

    private static String array(List<String> items) {
        return items.stream().collect(Collectors.joining(SPACE + "," + SPACE, "[" + SPACE, SPACE + "]"));
    }

    private static String object(List<Field> fields) {
        return fields.stream().map(f -> quoted(f.name()) + SPACE + ":" + SPACE + f.value())
                .collect(Collectors.joining(SPACE + "," + SPACE, "{" + SPACE, SPACE + "}"));
    }

    private static String render(List<Field> fields, Random random) {
        String text = SPACE + object(fields) + SPACE;
        List<String> spaces = List.of("", "", " ", "\n", "\t", "\r\n  ", "   ");
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c == SPACE ? spaces.get(random.nextInt(spaces.size())) : String.valueOf(c));
        }
        return out.toString();
    }
}
