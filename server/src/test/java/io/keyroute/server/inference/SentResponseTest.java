package io.keyroute.server.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.wire.JsonFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SentResponseTest {
    private static final String MESSAGE = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":"
            + "[{\"type\":\"output_text\",\"text\":\"a } brace, a \\\"quote\\\" and \\u00e9\",\"annotations\":[]}]}";
    private static final String CALL = "{\"id\":\"fc_1\",\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"f\","
            + "\"arguments\":\"{\\\"response\\\":{\\\"id\\\":\\\"x\\\"}}\"}";
    private static final String RESPONSE = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\","
            + "\"metadata\":{\"id\":\"not the id\",\"response\":\"nested\"},\"output\":[" + MESSAGE + "," + CALL + "],"
            + "\"usage\":{\"input_tokens\":3}}";

    @Test
    void aResponseObjectIsItsOwnBodyAndItsItemsAreCutOutAsSent() throws IOException {
        byte[] response = utf8(RESPONSE);
        SentResponse sent = SentResponse.of(response);

        assertThat(sent.id()).isEqualTo("resp_1");
        assertThat(sent.body()).isSameAs(response);
        assertThat(output(sent)).containsExactly(MESSAGE, CALL);
    }

    /** What follows a whole Response's output (echoed tools, usage) is not read: here it is not even JSON. */
    @Test
    void aWholeResponseIsReadOnlyAsFarAsItsOutput() throws IOException {
        String response = "{\"id\":\"resp_1\",\"object\":\"response\",\"output\":[" + MESSAGE + "],\"tools\":[{\"na";

        SentResponse sent = SentResponse.of(utf8(response));

        assertThat(sent.id()).isEqualTo("resp_1");
        assertThat(output(sent)).containsExactly(MESSAGE);
    }

    @Test
    void aTerminalEventCarriesTheResponseItsBodyIsCutFrom() throws IOException {
        String event = "{\"type\":\"response.completed\",\"sequence_number\":9,\"response\":" + RESPONSE + "}";

        SentResponse sent = SentResponse.of(utf8(event));

        assertThat(sent.id()).isEqualTo("resp_1");
        assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo(RESPONSE);
        assertThat(output(sent)).containsExactly(MESSAGE, CALL);
    }

    @Test
    void whatHoldsNoResponseIsRefused() {
        assertThatThrownBy(() -> SentResponse.of(utf8("{\"type\":\"response.output_text.delta\",\"delta\":\"hi\"}")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SentResponse.of(utf8("[1]"))).isInstanceOf(IOException.class);
    }

    /** Whatever the items hold, each cut equals the item as the writer wrote it, in order. */
    @Property(tries = 200)
    void eachItemIsCutExactlyAsWritten(@ForAll @Size(max = 5) List<@Size(max = 4) List<String>> texts) throws IOException {
        ObjectNode response = JsonFields.object().put("id", "resp_p").put("object", "response");
        ArrayNode output = response.putArray("output");
        for (List<String> parts : texts) {
            ObjectNode item = output.addObject().put("type", "message");
            parts.forEach(text -> item.putArray("content").addObject().put("type", "output_text").put("text", text));
        }
        SentResponse sent = SentResponse.of(JsonFields.bytes(response));

        assertThat(output(sent)).containsExactlyElementsOf(output.valueStream().map(JsonFields::write).toList());
        assertThat(sent.text(List.of()).items().output()).isEqualTo(output(sent));
    }

    /** Each output item as the text its span covers. */
    private static List<String> output(SentResponse sent) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < sent.output().length; i += 2) {
            items.add(new String(sent.body(), sent.output()[i], sent.output()[i + 1] - sent.output()[i], StandardCharsets.UTF_8));
        }
        return items;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
