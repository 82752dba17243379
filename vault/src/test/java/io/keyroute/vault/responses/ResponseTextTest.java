package io.keyroute.vault.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseTextTest {
    private static final String ITEM = "{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"Olá 🙂\"}]}";
    private static final String CALL = "{\"type\":\"function_call\",\"name\":\"f\",\"arguments\":\"{}\"}";
    private static final String RESPONSE = "{\"id\":\"resp_1\",\"object\":\"response\",\"output\":[" + ITEM + "," + CALL
            + "],\"usage\":{\"input_tokens\":3}}";
    private static final String INPUT = "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}";

    /** A kept answer's output items are spans of its Response: sealed once, opened as the items and the body. */
    @Test
    void aSentResponseKeepsItsOutputItemsOnceAsSpansOfItsBody() {
        byte[] response = utf8(RESPONSE);
        int item = RESPONSE.indexOf(ITEM);
        int call = RESPONSE.indexOf(CALL);
        int[] spans = {byteAt(item), byteAt(item + ITEM.length()), byteAt(call), byteAt(call + CALL.length())};

        ResponseText text = ResponseText.sent(List.of(utf8(INPUT)), response, spans);
        byte[] sealed = text.encode();
        ResponseText opened = ResponseText.decode(sealed);

        assertThat(opened.items()).isEqualTo(new ResponseItems(List.of(INPUT), List.of(ITEM, CALL)));
        assertThat(opened.body()).isEqualTo(RESPONSE);
        assertThat(opened.count()).isEqualTo(3);
        assertThat(opened.bytes()).isEqualTo(new ResponseItems(List.of(INPUT), List.of(ITEM, CALL)).bytes());
        // The output is not there twice: the payload is the input item, the body, the spans and their framing.
        assertThat(sealed.length).isEqualTo(1 + 4 + 4 + utf8(INPUT).length + 4 + response.length + 4 + 4 + 4 * spans.length);
    }

    @Test
    void itemsWithoutABodyAreKeptAsTheirOwnText() {
        ResponseText opened = ResponseText.decode(ResponseText.of(new ResponseItems(List.of(INPUT), List.of(ITEM)), null)
                .encode());

        assertThat(opened.items()).isEqualTo(new ResponseItems(List.of(INPUT), List.of(ITEM)));
        assertThat(opened.body()).isNull();
    }

    @Test
    void spansOutsideTheResponseAreRefused() {
        assertThatThrownBy(() -> ResponseText.sent(List.of(), utf8("{}"), new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseText.sent(List.of(), utf8("{}"), new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPayloadCutShortOrOfAnUnknownFormatDoesNotOpen() {
        byte[] sealed = ResponseText.sent(List.of(utf8(INPUT)), utf8(RESPONSE), new int[0]).encode();

        assertThatThrownBy(() -> ResponseText.decode(Arrays.copyOf(sealed, sealed.length - 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cut short");
        sealed[0] = 9;
        assertThatThrownBy(() -> ResponseText.decode(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format 9");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The UTF-8 offset of char {@code at} of {@link #RESPONSE}. */
    private static int byteAt(int at) {
        return utf8(RESPONSE.substring(0, at)).length;
    }
}
