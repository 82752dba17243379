package io.keyroute.api.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.canonical.CanonicalRequest;
import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Params;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Thinking;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A translated request's thinking and reasoning → an OpenAI-shaped chat request. */
class OpenAiReasoningEffortTest {

    private static ObjectNode write(Thinking thinking, List<Message> messages) {
        Params params = new Params(null, null, null, List.of(), null, null, null, null, thinking);
        return OpenAiRequestWriter.write(new CanonicalRequest("m", messages, List.of(), null, params, false, true), "m");
    }

    private static List<Message> question() {
        return List.of(Message.text(Role.USER, "Is 91 prime?"));
    }

    @Test
    void aNamedEffortIsReasoningEffort() {
        assertThat(write(Thinking.ofEffort("high"), question()).path("reasoning_effort").asText()).isEqualTo("high");
    }

    @Test
    void aBudgetAloneIsNotSentAsAModelThatDoesNotReasonRefusesIt() {
        assertThat(write(Thinking.ofBudget(20_000), question()).has("reasoning_effort")).isFalse();
        assertThat(write(null, question()).has("reasoning_effort")).isFalse();
    }

    @Test
    void reasoningInTheConversationStaysWithTheProviderThatWroteIt() {
        ObjectNode body = write(null, List.of(Message.text(Role.USER, "Hi"), new Message(Role.ASSISTANT,
                List.of(new Part.Reasoning("thought", "sig"), new Part.RedactedReasoning("opaque"), new Part.Text("Hello")))));

        assertThat(body.path("messages").get(1).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"Hello\"}");
    }
}
