package io.keyroute.api.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.canonical.Tool;
import io.keyroute.api.canonical.ToolChoice;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonFields;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A translated request's thinking → Anthropic's {@code thinking}, and reasoning in its turns. */
class AnthropicThinkingTest {
    private static final Tool WEATHER = new Tool("get_weather", null, JsonFields.object().put("type", "object"));

    private static Params params(Integer maxTokens, Double temperature, Thinking thinking) {
        return new Params(maxTokens, temperature, 0.5, List.of(), null, null, null, null, thinking);
    }

    private static ObjectNode write(List<Message> messages, ToolChoice choice, Params params) {
        return AnthropicRequestWriter.write(new CanonicalRequest("claude-sonnet-4-5", messages, List.of(WEATHER), choice,
                params, false, true), "claude-sonnet-4-5", 4096);
    }

    private static List<Message> question() {
        return List.of(Message.text(Role.USER, "Weather in Paris?"));
    }

    @Test
    void anEffortWithoutALimitThinksItsBudgetAndMakesRoomForTheAnswer() {
        ObjectNode body = write(question(), null, params(null, 0.3, Thinking.ofEffort("high")));

        assertThat(body.path("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":24576}");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(4096 + 24576);
        assertThat(body.has("temperature")).isFalse(); // Anthropic refuses it with thinking
        assertThat(body.has("top_p")).isFalse();
    }

    @Test
    void theCallersLimitIsKeptAndTheBudgetLoweredUnderIt() {
        ObjectNode body = write(question(), null, params(3000, null, Thinking.ofEffort("high")));

        assertThat(body.path("max_tokens").asInt()).isEqualTo(3000);
        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(2999);
    }

    @Test
    void noThinkingWhenTheLimitLeavesNoRoomForAnthropicsSmallestBudget() {
        ObjectNode body = write(question(), null, params(1024, 0.3, Thinking.ofEffort("low")));

        assertThat(body.has("thinking")).isFalse();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
    }

    @Test
    void noThinkingWithAForcedToolOrAskedForNone() {
        assertThat(write(question(), ToolChoice.named("get_weather"), params(null, null, Thinking.ofEffort("high")))
                .has("thinking")).isFalse();
        assertThat(write(question(), ToolChoice.ANY, params(null, null, Thinking.ofEffort("high"))).has("thinking"))
                .isFalse();
        assertThat(write(question(), null, params(null, null, Thinking.ofEffort("none"))).has("thinking")).isFalse();
        assertThat(write(question(), null, params(null, null, null)).has("thinking")).isFalse();
    }

    @Test
    void signedReasoningGoesBackAsItsBlockFirstAndUnsignedIsLeftOut() {
        List<Message> loop = List.of(Message.text(Role.USER, "Weather in Paris?"),
                new Message(Role.ASSISTANT, List.of(new Part.Reasoning("Call the tool.", "sig=="),
                        new Part.RedactedReasoning("opaque"), Part.Reasoning.unsigned("someone else's summary"),
                        new Part.ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"))),
                new Message(Role.TOOL, List.of(new Part.ToolResult("toolu_1", List.of(new Part.Text("sunny")), false))));

        ObjectNode body = write(loop, null, params(null, null, Thinking.ofBudget(5000)));

        JsonNode content = body.path("messages").get(1).path("content");
        assertThat(content.toString()).isEqualTo("[{\"type\":\"thinking\",\"thinking\":\"Call the tool.\",\"signature\":\"sig==\"},"
                + "{\"type\":\"redacted_thinking\",\"data\":\"opaque\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]");
        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(5000);
    }

    @Test
    void aToolTurnWithoutItsThinkingTurnsThinkingOffRatherThanBeRefused() {
        List<Message> loop = List.of(Message.text(Role.USER, "Weather in Paris?"),
                new Message(Role.ASSISTANT, List.of(new Part.ToolCall("toolu_1", "get_weather", "{}"))),
                new Message(Role.TOOL, List.of(new Part.ToolResult("toolu_1", List.of(new Part.Text("sunny")), false))));

        assertThat(write(loop, null, params(null, null, Thinking.ofEffort("medium"))).has("thinking")).isFalse();
    }

    @Test
    void anAnthropicCallersThinkingIsReadAsItsBudget() {
        ObjectNode body = (ObjectNode) JsonFields.parse("{\"model\":\"m\",\"max_tokens\":9000,\"thinking\":"
                + "{\"type\":\"enabled\",\"budget_tokens\":4000},\"messages\":[{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"s\"},"
                + "{\"type\":\"thinking\",\"thinking\":\"u\",\"signature\":\"\"},"
                + "{\"type\":\"redacted_thinking\",\"data\":\"d\"}]}]}");

        CanonicalRequest request = AnthropicRequestReader.read(body);

        assertThat(request.params().thinking()).isEqualTo(Thinking.ofBudget(4000));
        assertThat(request.messages().getFirst().parts()).containsExactly(new Part.Reasoning("t", "s"),
                Part.Reasoning.unsigned("u"), new Part.RedactedReasoning("d"));
    }

    private static Thinking readThinking(String thinking) {
        return AnthropicRequestReader.read((ObjectNode) JsonFields.parse("{\"model\":\"m\",\"max_tokens\":9000,"
                + thinking + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).params().thinking();
    }

    @Test
    void adaptiveThinkingIsTheBudgetOfItsEffortOrTheDefaultAmount() {
        assertThat(readThinking("\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"low\"}"))
                .isEqualTo(Thinking.ofBudget(2048));
        assertThat(readThinking("\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"max\"}"))
                .isEqualTo(Thinking.ofBudget(32768));
        assertThat(readThinking("\"thinking\":{\"type\":\"adaptive\"}")).isEqualTo(new Thinking(null, null));
        assertThat(readThinking("\"thinking\":{\"type\":\"disabled\"},\"output_config\":{\"effort\":\"high\"}"))
                .isEqualTo(Thinking.ofBudget(0));
    }

    @Test
    void anEffortThatIsNotAStringIsRefusedNamingIt() {
        assertThatThrownBy(() -> readThinking("\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":3}"))
                .isInstanceOf(ClientError.class).hasMessageContaining("output_config.effort");
    }
}
