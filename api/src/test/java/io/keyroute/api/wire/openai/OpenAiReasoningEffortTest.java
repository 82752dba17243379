package io.keyroute.api.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.wire.JsonFields;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A translated request's thinking and reasoning → an OpenAI-shaped chat request. */
class OpenAiReasoningEffortTest {

    private static ObjectNode write(Thinking thinking, List<Message> messages) {
        return write(thinking, messages, "gpt-4.1");
    }

    private static ObjectNode write(Thinking thinking, List<Message> messages, String model) {
        Params params = new Params(null, null, null, List.of(), null, null, null, null, thinking);
        return (ObjectNode) JsonFields.parse(OpenAiRequestWriter.write(
                new CanonicalRequest("m", messages, List.of(), null, params, false, true), model, null));
    }

    private static String effortFor(Thinking thinking, String model) {
        ObjectNode body = write(thinking, question(), model);
        return body.has("reasoning_effort") ? body.path("reasoning_effort").asText() : null;
    }

    private static List<Message> question() {
        return List.of(Message.text(Role.USER, "Is 91 prime?"));
    }

    @Test
    void aNamedEffortIsReasoningEffort() {
        assertThat(write(Thinking.ofEffort("high"), question()).path("reasoning_effort").asText()).isEqualTo("high");
    }

    @Test
    void aBudgetIsNotSentToAModelThatDoesNotReasonAsItRefusesTheField() {
        assertThat(write(Thinking.ofBudget(20_000), question()).has("reasoning_effort")).isFalse();
        assertThat(write(null, question()).has("reasoning_effort")).isFalse();
        for (String model : List.of("gpt-4o", "gpt-4.1-mini", "o1-mini", "o1-preview", "gpt-5-chat-latest",
                "gpt-oss-120b", "deepseek-reasoner")) {
            assertThat(effortFor(Thinking.ofBudget(31_999), model)).as(model).isNull();
        }
    }

    @Test
    void aBudgetSentToAReasoningModelIsTheEffortThatHoldsIt() {
        assertThat(effortFor(Thinking.ofBudget(1024), "o3")).isEqualTo("low");
        assertThat(effortFor(Thinking.ofBudget(2048), "o4-mini")).isEqualTo("low");
        assertThat(effortFor(Thinking.ofBudget(2049), "gpt-5")).isEqualTo("medium");
        assertThat(effortFor(Thinking.ofBudget(8192), "gpt-5-mini")).isEqualTo("medium");
        assertThat(effortFor(Thinking.ofBudget(31_999), "gpt-5.1-codex")).isEqualTo("high"); // Claude Code's default
        assertThat(effortFor(Thinking.ofBudget(31_999), "openai/o1")).isEqualTo("high");
        assertThat(effortFor(Thinking.ofBudget(31_999), "gpt-10")).isEqualTo("high");
    }

    @Test
    void disabledThinkingSendsNoEffortAndAdaptiveTheModelsDefault() {
        assertThat(effortFor(Thinking.ofBudget(0), "gpt-5")).isNull(); // not every model takes none or minimal
        assertThat(effortFor(new Thinking(null, null), "gpt-5")).isEqualTo("medium");
    }

    @Test
    void reasoningInTheConversationStaysWithTheProviderThatWroteIt() {
        ObjectNode body = write(null, List.of(Message.text(Role.USER, "Hi"), new Message(Role.ASSISTANT,
                List.of(new Part.Reasoning("thought", "sig"), new Part.RedactedReasoning("opaque"), new Part.Text("Hello")))));

        assertThat(body.path("messages").get(1).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"Hello\"}");
    }
}
