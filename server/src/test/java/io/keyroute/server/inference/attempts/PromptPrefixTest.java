package io.keyroute.server.inference.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import org.junit.jupiter.api.Test;

/** What a prompt prefix is made of in each inbound API, and what it is not. */
class PromptPrefixTest {
    private static final String SYSTEM = "You review pull requests for the payments team; flag any unchecked input. ".repeat(60);

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text);
    }

    private static ObjectNode chat(String system, String user) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", "gpt-4o-mini");
        body.putArray("messages").add(Json.MAPPER.createObjectNode().put("role", "system").put("content", system))
                .add(Json.MAPPER.createObjectNode().put("role", "user").put("content", user));
        return body;
    }

    @Test
    void eachInboundApiHasOneWherePromptsAreLongEnough() throws Exception {
        ObjectNode anthropic = Json.MAPPER.createObjectNode().put("model", "sonnet");
        anthropic.putArray("system").addObject().put("type", "text").put("text", SYSTEM)
                .putObject("cache_control").put("type", "ephemeral");
        anthropic.putArray("messages").addObject().put("role", "user").put("content", "review #12");
        ObjectNode responses = Json.MAPPER.createObjectNode().put("model", "gpt-4.1").put("instructions", SYSTEM)
                .put("input", "review #12");

        assertThat(PromptPrefix.of(chat(SYSTEM, "review #12"))).get().asString().matches("[0-9a-f]{32}");
        assertThat(PromptPrefix.of(anthropic)).isPresent();
        assertThat(PromptPrefix.of(responses)).isPresent();
        assertThat(PromptPrefix.of(json("{\"model\":\"m\",\"input\":\"short\"}"))).isEmpty();
        assertThat(PromptPrefix.of(json("{\"model\":\"m\"}"))).isEmpty();
    }

    @Test
    void aFourHundredKilobyteBodyHasTheKeyOfItsFirstCharactersAndOnlyThose() {
        String document = "Clause %d: the supplier shall deliver within thirty days. ";
        var pasted = new StringBuilder(SYSTEM);
        for (int i = 0; pasted.length() < 400_000; i++) {
            pasted.append(document.formatted(i));
        }
        ObjectNode big = chat(pasted.toString(), "summarise the penalties");
        ObjectNode nextTurn = chat(pasted.toString(), "and the warranties?");
        nextTurn.withArray("messages").addObject().put("role", "assistant").put("content", "The penalties are …");

        assertThat(PromptPrefix.of(big)).isEqualTo(PromptPrefix.of(chat(SYSTEM, "anything")))
                .isEqualTo(PromptPrefix.of(nextTurn));
        assertThat(PromptPrefix.of(big)).isNotEqualTo(PromptPrefix.of(chat("Be terse. " + SYSTEM, "anything")));
    }

    @Test
    void numbersLiteralsAndStringsAreToldApart() throws Exception {
        String tools = "{\"model\":\"m\",\"tools\":[{\"name\":\"t\",\"strict\":%s}],\"system\":\"" + SYSTEM + "\"}";
        assertThat(PromptPrefix.of(json(tools.formatted("true"))))
                .isNotEqualTo(PromptPrefix.of(json(tools.formatted("\"true\""))))
                .isNotEqualTo(PromptPrefix.of(json(tools.formatted("1"))));
        assertThat(PromptPrefix.of(json(tools.formatted("1")))).isNotEqualTo(PromptPrefix.of(json(tools.formatted("\"1\""))));
    }
}
