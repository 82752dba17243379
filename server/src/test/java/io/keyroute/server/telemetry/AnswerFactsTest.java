package io.keyroute.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * An answer's model and finish reasons read token by token are the ones its JSON tree gave (the reading
 * this replaced, kept below as the reference), for every API's shape, streamed events included.
 */
class AnswerFactsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of("model", "choices", "stop_reason", "status", "id", "usage");
    private static final List<String> WRAPPERS = List.of("response", "message", "delta");

    @Test
    void aChatCompletionNamesItsModelAndEachChoicesReason() {
        AnswerFacts facts = AnswerFacts.ofAnswer(bytes("{\"id\":\"c1\",\"model\":\"gpt-4o-mini-2024-07-18\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                + "\"finish_reason\":\"stop\"},{\"index\":1,\"finish_reason\":null},{\"index\":2,"
                + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}"));

        assertThat(facts.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(facts.finishReasons()).containsExactly("stop", "length");
    }

    @Test
    void anAnthropicMessageAndAResponseNameTheirsByTheirOwnFields() {
        assertThat(AnswerFacts.ofAnswer(bytes("{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],"
                + "\"stop_reason\":\"end_turn\",\"model\":\"claude-sonnet-4-5\"}")))
                .isEqualTo(new AnswerFacts("claude-sonnet-4-5", List.of("end_turn")));
        assertThat(AnswerFacts.ofAnswer(bytes("{\"object\":\"response\",\"status\":\"completed\",\"model\":\"gpt-5\","
                + "\"output\":[{\"type\":\"message\",\"status\":\"completed\"}]}")))
                .isEqualTo(new AnswerFacts("gpt-5", List.of("completed")));
    }

    @Test
    void aStreamedEventsFactsAreThoseOfTheAnswerItWraps() {
        assertThat(AnswerFacts.ofEvent(bytes("{\"type\":\"message_start\",\"message\":{\"model\":\"claude\","
                + "\"stop_reason\":null}}"))).isEqualTo(new AnswerFacts("claude", List.of()));
        assertThat(AnswerFacts.ofEvent(bytes("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":2}}"))).isEqualTo(new AnswerFacts(null, List.of("end_turn")));
        assertThat(AnswerFacts.ofEvent(bytes("{\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"delta\":{},"
                + "\"finish_reason\":\"stop\"}]}"))).isEqualTo(new AnswerFacts("gpt-4o", List.of("stop")));
        // A whole answer is not unwrapped: a Chat Completion's "message" is no answer of its own.
        assertThat(AnswerFacts.ofAnswer(bytes("{\"message\":{\"model\":\"inner\"},\"model\":\"outer\"}")).model())
                .isEqualTo("outer");
    }

    @Test
    void whatIsNoJsonObjectSaysNothing() {
        for (String json : List.of("", "[]", "\"text\"", "{\"model\":\"m\"", "not json", "{\"choices\":[{\"finish")) {
            assertThat(AnswerFacts.ofAnswer(bytes(json))).as(json).isEqualTo(AnswerFacts.NONE);
            assertThat(AnswerFacts.ofEvent(bytes(json))).as(json).isEqualTo(AnswerFacts.NONE);
        }
    }

    @Property(tries = 2_000)
    void theFactsAreTheOnesTheAnswersTreeGives(@ForAll long seed, @ForAll boolean event) throws IOException {
        Random random = new Random(seed);
        ObjectNode answer = answer(random, event ? 2 : 0);
        byte[] json = Json.MAPPER.writeValueAsBytes(answer);

        AnswerFacts read = event ? AnswerFacts.ofEvent(json) : AnswerFacts.ofAnswer(json);

        assertThat(read).as(answer.toString()).isEqualTo(fromTree(Json.MAPPER.readTree(json), event));
    }

    /** The reading AnswerFacts replaced: the answer's tree, its wrapper's when it is a streamed event. */
    private static AnswerFacts fromTree(JsonNode read, boolean event) {
        if (read == null || !read.isObject()) {
            return AnswerFacts.NONE;
        }
        JsonNode answer = read;
        if (event) {
            for (String wrapper : WRAPPERS) {
                if (read.path(wrapper).isObject()) {
                    answer = read.get(wrapper);
                }
            }
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode choice : answer.path("choices")) {
            if (choice.hasNonNull("finish_reason")) {
                reasons.add(choice.get("finish_reason").asText());
            }
        }
        for (String field : List.of("stop_reason", "status")) {
            if (answer.hasNonNull(field) && answer.get(field).isTextual()) {
                reasons.add(answer.get(field).asText());
            }
        }
        return new AnswerFacts(answer.hasNonNull("model") ? answer.get("model").asText() : null, reasons);
    }

    /** An answer-like object: the fields read and others, any of them of any type; wrappers when {@code depth} allows. */
    private static ObjectNode answer(Random random, int depth) {
        ObjectNode answer = NODES.objectNode();
        List<String> fields = new ArrayList<>(FIELDS);
        if (depth > 0) {
            fields.addAll(WRAPPERS);
        }
        int count = random.nextInt(fields.size() + 1);
        for (int i = 0; i < count; i++) {
            String field = fields.get(random.nextInt(fields.size()));
            JsonNode value = switch (field) {
                case "choices" -> random.nextInt(5) == 0 ? value(random, 1) : choices(random);
                case "response", "message", "delta" -> random.nextInt(4) == 0 ? value(random, 1)
                        : answer(random, depth - 1);
                default -> value(random, 2);
            };
            answer.set(field, value);
        }
        return answer;
    }

    private static JsonNode choices(Random random) {
        ArrayNode choices = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
            if (random.nextInt(6) == 0) {
                choices.add(value(random, 1));
                continue;
            }
            ObjectNode choice = choices.addObject().put("index", i);
            if (random.nextBoolean()) {
                choice.set("message", NODES.objectNode().put("content", "t").set("finish_reason", value(random, 1)));
            }
            if (random.nextInt(4) != 0) {
                choice.set("finish_reason", random.nextBoolean() ? NODES.textNode("stop") : value(random, 1));
            }
        }
        return choices;
    }

    /** Any JSON value (integers only: a tree writes a decimal's text its own way, which no span relies on). */
    private static JsonNode value(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 7 : 5)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(List.of("stop", "length", "end_turn", "gpt-4o", "", "é\"\\").get(random.nextInt(6)));
            case 2 -> NODES.numberNode(random.nextInt(1000) - 500);
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.textNode("completed");
            case 5 -> NODES.arrayNode().add(value(random, depth - 1)).add(value(random, depth - 1));
            default -> NODES.objectNode().put("finish_reason", "nested").set("model", value(random, depth - 1));
        };
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
