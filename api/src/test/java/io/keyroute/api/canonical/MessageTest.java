package io.keyroute.api.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void aMessageOrToolResultWithOneTextPartIsThatPartsOwnStringNotACopy() {
        String result = "class A {}\n".repeat(1_000);
        var toolResult = new Part.ToolResult("toolu_1", List.of(new Part.Text(result)), false);

        assertThat(toolResult.text()).isSameAs(result);
        assertThat(new Message(Role.USER, List.of(toolResult, new Part.Text(result))).text()).isSameAs(result);
    }

    @Test
    void severalTextPartsAreJoinedInOrderAndOtherPartsAreLeftOut() {
        var message = new Message(Role.USER, List.of(new Part.Text("What is "),
                new Part.ToolCall("call_1", "zoom", "{}"), new Part.Text("in this picture?")));

        assertThat(message.text()).isEqualTo("What is in this picture?");
        assertThat(new Message(Role.ASSISTANT, List.of(new Part.ToolCall("call_1", "zoom", "{}"))).text()).isEmpty();
    }
}
