package io.keyroute.server.http.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HeaderTextTest {
    @Test
    void safeTextIsReturnedItself() {
        String model = "openai/gpt-4o-mini";

        assertThat(HeaderText.safe(model)).isSameAs(model);
    }

    @Test
    void lineBreaksAndNonAsciiAreReplacedAndLongTextIsCut() {
        assertThat(HeaderText.safe("gpt\r\nSet-Cookie: x")).isEqualTo("gpt??Set-Cookie: x");
        assertThat(HeaderText.safe("modèle\u007f")).isEqualTo("mod?le?");
        assertThat(HeaderText.safe("a".repeat(600))).isEqualTo("a".repeat(512));
    }

    @Property
    void theResultIsAlwaysPrintableAsciiOfAtMost512Chars(@ForAll String text) {
        String safe = HeaderText.safe(text);

        assertThat(safe.length()).isEqualTo(Math.min(text.length(), 512));
        assertThat(safe.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        if (safe.equals(text)) {
            assertThat(safe).isSameAs(text);
        }
    }
}
