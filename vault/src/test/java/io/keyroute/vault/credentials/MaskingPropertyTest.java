package io.keyroute.vault.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Secret;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a key looks like, its mask shows at most its family prefix and its last four
 * characters, and always hides at least eight.
 */
class MaskingPropertyTest {

    @Property(tries = 3000)
    void aMaskRevealsNoMoreThanPrefixAndLastFour(@ForAll("keys") String key) {
        String masked = Secret.of(key).masked();
        int ellipsis = masked.indexOf('…');
        assertThat(ellipsis).isNotNegative();
        String prefix = masked.substring(0, ellipsis);
        String tail = masked.substring(ellipsis + 1);
        assertThat(prefix.matches("|sk-ant-|AIza|[^-]{1,3}-")).as("a family prefix: " + prefix).isTrue();
        assertThat(key).startsWith(prefix);
        assertThat(tail.length()).isLessThanOrEqualTo(4);
        assertThat(key).endsWith(tail);
        if (key.length() < 12) {
            assertThat(masked).isEqualTo("…");
        } else {
            assertThat(key.length() - prefix.length() - tail.length()).as("characters hidden").isGreaterThanOrEqualTo(8);
        }
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> body = Arbitraries.strings().withCharRange('!', '~').ofMinLength(0).ofMaxLength(80);
        return Arbitraries.of("sk-", "sk-ant-api03-", "AIza", "kr-", "gsk_", "xai-", "", "a-", "abc-")
                .flatMap(prefix -> body.map(b -> prefix + b));
    }
}
