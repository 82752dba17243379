package io.keyroute.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {
    private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String URL_SAFE = BASE62 + "-_";

    /** A key of one family and the text it is embedded in. */
    record Embedded(String key, String text) {
    }

    @Property(tries = 2000)
    void scrubHidesEveryKeyFamilyAndKeepsItsMask(@ForAll("embeddedKeys") Embedded e) {
        String scrubbed = Secrets.scrub(e.text());

        assertThat(scrubbed).doesNotContain(e.key()).contains(Secrets.mask(e.key()));
    }

    @Property(tries = 500)
    void scrubIsIdempotent(@ForAll("embeddedKeys") Embedded e) {
        String once = Secrets.scrub(e.text());

        assertThat(Secrets.scrub(once)).isEqualTo(once);
    }

    /**
     * Texts without a cue skip the pattern search: never one it would have changed. The suffix is a
     * cue that cannot take part in a match, so the second call always searches.
     */
    @Property(tries = 3000)
    void skippingTheSearchNeverChangesWhatIsMasked(@ForAll("cueFragments") String text) {
        assertThat(Secrets.scrub(text) + "\nbearer x").isEqualTo(Secrets.scrub(text + "\nbearer x"));
    }

    @Provide
    Arbitrary<String> cueFragments() {
        Arbitrary<String> run = Arbitraries.strings().withChars(BASE62 + "+/").ofMinLength(1).ofMaxLength(45);
        Arbitrary<String> piece = Arbitraries.oneOf(run, Arbitraries.of("sk-", "SK-", "kr-", "gsk_", "xai-", "AIza",
                "Bearer ", "bearer\t", "api_key", "x-api-key", "Token", "secret", "password", "=", ":", " ", "  ",
                "\"", "'", "-", "_", ".", "…", ",", "\n", "=="));
        return piece.list().ofMaxSize(10).map(pieces -> String.join("", pieces));
    }

    @Test
    void masksKeepTheFamilyPrefixAndLastFourChars() {
        assertThat(Secrets.scrub("key sk-ant-api03-abcdefghijklmnopWXYZ done"))
                .isEqualTo("key sk-ant-…WXYZ done");
        assertThat(Secrets.scrub("url ?key=AIzaSyA1234567890abcdefghijklmnopqrstu"))
                .isEqualTo("url ?key=AIza…rstu");
        assertThat(Secrets.scrub("headers=[Authorization: Bearer kr-abcdefghijkl12345678]"))
                .isEqualTo("headers=[Authorization: Bearer kr-…5678]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Authorization: Bearer  opaque.token.value1234",
        "{\"api_key\": \"opaque.token.value1234\"}",
        "x-api-key:opaque.token.value1234",
        "admin_token=opaque.token.value1234&x=1",
        "client_secret: 'opaque.token.value1234'",
    })
    void masksValuesOfCredentialHeadersAndFields(String text) {
        assertThat(Secrets.scrub(text)).doesNotContain("opaque.token.value1234").contains("…1234");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /v1/chat/completions model=openai/gpt-4o-mini max_tokens=1024 status=200",
        "risk-assessment-for-the-task took 12 ms",
        "masked sk-…wxyz and kr-…abcd, api_key=sk-…wxyz",
        "\tat org.junit.SameThreadHierarchicalTestExecutorService.invokeAll("
                + "SameThreadHierarchicalTestExecutorService.java:41)",
    })
    void leavesOrdinaryAndAlreadyMaskedTextAlone(String text) {
        assertThat(Secrets.scrub(text)).isEqualTo(text);
    }

    @Provide
    Arbitrary<Embedded> embeddedKeys() {
        Arbitrary<String> filler = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .:;!?()\n")
                .ofMaxLength(60);
        Arbitrary<String> before = Arbitraries.of(
                " ", "\n", "\"", "'", "=", ": ", "(", "[", "{\"key\":\"",
                "Authorization: Bearer ", "api_key=", "x-api-key: ", "?key=");
        Arbitrary<String> after = Arbitraries.of(" ", "\n", "\t", "\"", "'", ",", "");
        return Combinators.combine(filler, before, keys(), after, filler)
                .as((f1, b, key, a, f2) -> new Embedded(key, f1 + b + key + a + (a.isEmpty() ? "" : f2)));
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.oneOf(
                chars(BASE62, 48).map(s -> "sk-" + s),                                   // OpenAI legacy
                chars(URL_SAFE, 100, 164).map(s -> "sk-proj-" + s),                       // OpenAI project
                chars(URL_SAFE, 93).map(s -> "sk-ant-api03-" + s + "AA"),                 // Anthropic
                chars(URL_SAFE, 35).map(s -> "AIza" + s),                                 // Gemini
                chars("0123456789abcdef", 32).map(s -> "sk-" + s),                        // DeepSeek
                chars(BASE62, 43).map(s -> "kr-" + s),                                    // Keyroute
                Arbitraries.bytes().array(byte[].class).ofSize(32)
                        .map(b -> Base64.getEncoder().encodeToString(b)),                // master key
                Arbitraries.bytes().array(byte[].class).ofSize(32)
                        .map(b -> HexFormat.of().formatHex(b)));                         // hex token
    }

    private static Arbitrary<String> chars(String alphabet, int length) {
        return chars(alphabet, length, length);
    }

    private static Arbitrary<String> chars(String alphabet, int min, int max) {
        return Arbitraries.strings().withChars(alphabet).ofMinLength(min).ofMaxLength(max);
    }
}
