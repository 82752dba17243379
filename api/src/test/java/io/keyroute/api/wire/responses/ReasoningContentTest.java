package io.keyroute.api.wire.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.canonical.Message;
import io.keyroute.api.canonical.Part;
import io.keyroute.api.canonical.Role;
import io.keyroute.api.canonical.Thinking;
import io.keyroute.api.error.ClientError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Keyroute's encoding of a provider's signed reasoning in a reasoning item's encrypted_content. */
class ReasoningContentTest {

    private static String kr1(String json) {
        return "kr1." + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void signedAndRedactedReasoningComeBackAsTheyWere(@ForAll String text, @ForAll String signature) {
        if (signature.isEmpty()) {
            return;
        }
        Part signed = new Part.Reasoning(text, signature);
        assertThat(ReasoningContent.decode(ReasoningContent.encode(signed), "input[0]")).isEqualTo(signed);
        Part redacted = new Part.RedactedReasoning(signature);
        assertThat(ReasoningContent.decode(ReasoningContent.encode(redacted), "input[0]")).isEqualTo(redacted);
    }

    @Test
    void unsignedReasoningHasNoEncodingAndOpenAisOwnIsNotKeyroutes() {
        assertThat(ReasoningContent.encode(Part.Reasoning.unsigned("a summary"))).isNull();
        assertThat(ReasoningContent.decode("gAAAAABoPenAiEncrypted", "input[0]")).isNull();
        assertThat(ReasoningContent.decode(null, "input[0]")).isNull();
    }

    @Property
    void whatKeyrouteDidNotWriteIsA400NeverAnotherFailure(@ForAll String tail) {
        String encrypted = "kr1." + tail;
        try {
            Part part = ReasoningContent.decode(encrypted, "input[3]");
            assertThat(part).isNotNull();
        } catch (ClientError e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).contains("input[3].encrypted_content");
        }
    }

    @Test
    void malformedEncodingsAreNamed() {
        for (String bad : List.of("kr1.", "kr1.@@", kr1("[]"), kr1("{}"), kr1("{\"thinking\":\"t\"}"),
                kr1("{\"thinking\":\"t\",\"signature\":7}"), kr1("{\"thinking\":\"t\",\"signature\":\"\"}"),
                kr1("{\"redacted\":\"d\",\"signature\":\"s\"}"), kr1("not json"))) {
            assertThatThrownBy(() -> ReasoningContent.decode(bad, "input[1]")).as(bad)
                    .isInstanceOfSatisfying(ClientError.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.param()).contains("input[1].encrypted_content");
                    });
        }
    }

    @Test
    void aReasoningItemKeyrouteWroteJoinsTheAssistantTurnItBegan() {
        String item = ReasoningContent.encode(new Part.Reasoning("Call the tool.", "sig=="));
        ResponsesRequest request = ResponsesRequestReader.read(("{\"model\":\"m\",\"reasoning\":{\"effort\":\"low\"},"
                + "\"input\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[],\"encrypted_content\":\"" + item + "\"},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_2\",\"summary\":[],\"encrypted_content\":\"gAAAAopenai\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"toolu_1\",\"name\":\"f\",\"arguments\":\"{}\"}]}")
                .getBytes(StandardCharsets.UTF_8));

        List<Message> messages = request.canonical().messages();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).role()).isEqualTo(Role.ASSISTANT);
        assertThat(messages.get(1).parts()).containsExactly(new Part.Reasoning("Call the tool.", "sig=="),
                new Part.ToolCall("toolu_1", "f", "{}"));
        assertThat(request.canonical().params().thinking()).isEqualTo(Thinking.ofEffort("low"));
    }
}
