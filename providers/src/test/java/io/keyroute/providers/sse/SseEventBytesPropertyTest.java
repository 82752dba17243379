package io.keyroute.providers.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link SseEvent#toBytes()}, written byte by byte, equals the event's text form encoded as UTF-8. */
class SseEventBytesPropertyTest {

    @Property(tries = 1000)
    void bytesAreTheTextFormInUtf8(@ForAll("names") String event, @ForAll("data") String data) {
        var text = new StringBuilder();
        if (event != null) {
            text.append("event: ").append(event).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        text.append('\n');

        assertThat(new SseEvent(event, data).toBytes()).isEqualTo(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars("_.é").ofMaxLength(12).injectNull(0.4);
    }

    @Provide
    Arbitrary<String> data() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("\n\té€中")
                .ofMaxLength(60)
                .map(s -> s.replace("中中", "😀")); // supplementary characters as valid surrogate pairs
    }
}
