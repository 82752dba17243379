package io.keyroute.providers.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseEventTest {

    private static String wire(SseEvent e) {
        return new String(e.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void dataOnly() {
        assertThat(wire(SseEvent.data("{\"a\":1}"))).isEqualTo("data: {\"a\":1}\n\n");
    }

    @Test
    void namedEvent() {
        assertThat(wire(new SseEvent("message_stop", "{}"))).isEqualTo("event: message_stop\ndata: {}\n\n");
    }

    @Test
    void eachLineOfDataGetsItsOwnDataField() {
        assertThat(wire(SseEvent.data("a\nb\n"))).isEqualTo("data: a\ndata: b\ndata: \n\n");
    }

    @Test
    void emptyData() {
        assertThat(wire(SseEvent.data(""))).isEqualTo("data: \n\n");
    }

    @Test
    void nonAsciiIsUtf8() {
        assertThat(SseEvent.data("€").toBytes())
                .isEqualTo(new byte[] {'d', 'a', 't', 'a', ':', ' ', (byte) 0xE2, (byte) 0x82, (byte) 0xAC, '\n', '\n'});
    }
}
