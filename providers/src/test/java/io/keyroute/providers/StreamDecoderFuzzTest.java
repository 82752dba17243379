package io.keyroute.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.Usage;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.api.wire.anthropic.AnthropicMessagesRequestReader;
import io.keyroute.api.wire.openai.OpenAiChatRequestReader;
import io.keyroute.providers.anthropic.AnthropicAdapter;
import io.keyroute.providers.gemini.GeminiAdapter;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.openai.OpenAiAdapter;
import io.keyroute.providers.sse.SseEvent;
import io.keyroute.providers.sse.SseReader;
import io.keyroute.providers.translate.Translation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzz target for every stream decoder (issue 17): an upstream's events, however malformed (real
 * events from the golden files with values swapped, fields dropped, text cut; arbitrary text; any
 * event name), never make a decoder throw anything but an {@link UpstreamError}, for a caller of
 * either format, and whatever it decodes is relayable. Tries: {@code jqwik.tries.default}
 * (src/test/resources/junit-platform.properties; raise it with {@code -Djqwik.tries.default=N}).
 */
class StreamDecoderFuzzTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Map<String, ProviderAdapter> ADAPTERS = Map.of(
            "openai", new OpenAiAdapter(new ProviderErrors(CLOCK), new Translation(CLOCK)),
            "anthropic", new AnthropicAdapter(new ProviderErrors(CLOCK), new Translation(CLOCK)),
            "gemini", new GeminiAdapter(new ProviderErrors(CLOCK), new Translation(CLOCK)));
    private static final List<byte[]> OPENAI_CALLERS = List.of(
            "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"response_format\":{\"type\":\"json_object\"},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    private static final byte[] ANTHROPIC_CALLER =
            "{\"model\":\"m\",\"stream\":true,\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final List<String> EVENT_NAMES = List.of("message_start", "content_block_start", "content_block_delta",
            "content_block_stop", "message_delta", "message_stop", "ping", "error", "unknown");

    @Property
    void malformedEventsNeverThrowAnythingButAnUpstreamError(
            @ForAll("providers") String provider,
            @ForAll("callers") ChatRequest caller,
            @ForAll("streams") List<SseEvent> events) {
        StreamDecoder decoder = ADAPTERS.get(provider).newStreamDecoder(caller);
        var out = new Relayed();
        try {
            for (SseEvent event : events) {
                decoder.onEvent(event, out);
            }
            decoder.complete();
        } catch (UpstreamError expected) {
            assertThat(expected.kind()).isEqualTo(UpstreamError.Kind.PROTOCOL);
        }
        for (SseEvent relayed : out.events) {
            assertThat(relayed.toBytes()).isNotEmpty(); // what reached the caller can be written
        }
    }

    @Provide
    Arbitrary<String> providers() {
        return Arbitraries.of(ADAPTERS.keySet());
    }

    @Provide
    Arbitrary<ChatRequest> callers() {
        return Arbitraries.of(OpenAiChatRequestReader.read(OPENAI_CALLERS.get(0)),
                OpenAiChatRequestReader.read(OPENAI_CALLERS.get(1)), AnthropicMessagesRequestReader.read(ANTHROPIC_CALLER));
    }

    /** A real stream of some provider with some events mutated, dropped, repeated or replaced by noise. */
    @Provide
    Arbitrary<List<SseEvent>> streams() {
        Arbitrary<SseEvent> noise = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().ofMaxLength(200)),
                Tuple.of(2, Arbitraries.of("[DONE]", "{}", "[]", "null", "1e999999", "\"x\"", "{\"error\":{}}", "{\"type\":\"error\"}",
                        "{\"candidates\":[{\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":-1}}")))
                .flatMap(data -> Arbitraries.of(EVENT_NAMES).injectNull(0.5).map(name -> new SseEvent(name, data)));
        Arbitrary<List<SseEvent>> seeded = Arbitraries.of(seeds())
                .flatMap(seed -> Arbitraries.longs().map(random -> mutated(seed, new Random(random))));
        return Arbitraries.frequencyOf(Tuple.of(4, seeded), Tuple.of(1, noise.list().ofMaxSize(12)));
    }

    /** Each golden stream, as events. */
    private static List<List<SseEvent>> seeds() {
        List<List<SseEvent>> seeds = new ArrayList<>();
        for (String provider : ADAPTERS.keySet()) {
            try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden", provider, "stream"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sse")).sorted().toList()) {
                    List<SseEvent> events = new ArrayList<>();
                    var reader = new SseReader(new ByteArrayInputStream(Files.readAllBytes(file)));
                    for (SseEvent e = reader.next(); e != null; e = reader.next()) {
                        events.add(e);
                    }
                    seeds.add(events);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds;
    }

    private static List<SseEvent> mutated(List<SseEvent> seed, Random random) {
        List<SseEvent> events = new ArrayList<>();
        for (SseEvent event : seed) {
            switch (random.nextInt(8)) {
                case 0 -> { } // dropped
                case 1 -> {
                    events.add(event);
                    events.add(event);
                }
                case 2 -> events.add(new SseEvent(event.event(), event.data().substring(0, random.nextInt(event.data().length() + 1))));
                case 3, 4 -> events.add(new SseEvent(event.event(), mutatedJson(event.data(), random)));
                case 5 -> events.add(new SseEvent(EVENT_NAMES.get(random.nextInt(EVENT_NAMES.size())), event.data()));
                default -> events.add(event);
            }
        }
        return events;
    }

    /** The event's JSON with one value replaced by a value of another kind, or one field removed. */
    private static String mutatedJson(String data, Random random) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            return data;
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return data;
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(4) == 0) {
                object.remove(name);
            } else {
                object.set(name, randomValue(random));
            }
        } else if (target instanceof ArrayNode array && array.size() > 0) {
            array.set(random.nextInt(array.size()), randomValue(random));
        }
        return root.toString();
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), containers);
            }
        }
    }

    private static JsonNode randomValue(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(10)) {
            case 0 -> f.nullNode();
            case 1 -> f.textNode("");
            case 2 -> f.textNode("x".repeat(random.nextInt(100)));
            case 3 -> f.numberNode(-1);
            case 4 -> f.numberNode(Long.MAX_VALUE);
            case 5 -> f.numberNode(new java.math.BigDecimal("1e400"));
            case 6 -> f.booleanNode(random.nextBoolean());
            case 7 -> f.arrayNode().add(f.objectNode());
            case 8 -> f.objectNode().put("type", "text");
            default -> f.numberNode(random.nextDouble() * 1e12);
        };
    }

    private static final class Relayed implements StreamOutput {
        final List<SseEvent> events = new ArrayList<>();

        @Override
        public void event(SseEvent event) {
            events.add(event);
        }

        @Override
        public void usage(Usage usage) {
            assertThat(usage).isNotNull();
        }
    }
}
