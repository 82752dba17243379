package io.keyroute.api.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import io.keyroute.api.wire.openai.OpenAiChunkReader;
import io.keyroute.api.wire.openai.OpenAiRequestReader;
import io.keyroute.api.canonical.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicRequestWriterTest {

    @Test
    void emptyTurnsAreLeftOutAndTheirNeighboursMerged() throws Exception {
        ObjectNode openai = (ObjectNode) Json.MAPPER.readTree("""
                {"model":"m","messages":[{"role":"user","content":"a"},{"role":"assistant","content":""},
                 {"role":"user","content":"b"}]}""");

        JsonNode messages = AnthropicRequestWriter.write(OpenAiRequestReader.read(openai), "claude", 100).path("messages");

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("content")).hasSize(2);
    }

    @Test
    void severalChoicesCannotBeTranslated() throws Exception {
        ObjectNode openai = (ObjectNode) Json.MAPPER.readTree("{\"model\":\"m\",\"n\":2,\"messages\":[]}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OpenAiRequestReader.read(openai))
                .isInstanceOf(io.keyroute.api.error.ClientError.class).hasMessageContaining("'n'");
    }

    @Test
    void aRepeatedToolCallIdStartsTheCallOnce() {
        var reader = new OpenAiChunkReader();
        List<StreamEvent> events = new ArrayList<>();
        for (String args : List.of("[1,", "2]")) {
            reader.read(null, "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                    + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"" + args + "\"}}]}}]}",
                    events::add);
        }

        assertThat(events.stream().filter(e -> e instanceof StreamEvent.ToolCallStart)).hasSize(1);
        assertThat(events.stream().filter(e -> e instanceof StreamEvent.ToolCallDelta)).hasSize(2);
    }
}
