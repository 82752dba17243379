package io.keyroute.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyroute.api.error.ClientError;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** At most 256 characters of {@code A-Z a-z 0-9 . _ : / @ + -}; anything else is 400 invalid_model. */
class ModelNameTest {
    private static final String ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:/@+-";

    @Test
    void catalogProviderAndVersionedNamesPass() {
        for (String name : new String[] {"openai/gpt-4o-mini", "gemini/models/gemini-2.5-pro",
                "anthropic/claude-3-5-haiku@20241022", "ollama/llama3.1:8b", "x/ft:gpt-4o-mini:org+team:abc"}) {
            assertThat(ModelName.checked(name)).isSameAs(name);
        }
    }

    @Test
    void twoHundredFiftySixCharactersPassAndOneMoreIsRefusedWithoutQuotingIt() {
        String max = "a".repeat(ModelName.MAX_LENGTH);
        assertThat(ModelName.checked(max)).isEqualTo(max);

        ClientError error = catchThrowableOfType(ClientError.class, () -> ModelName.checked(max + "a"));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("invalid_model");
        assertThat(error.param()).hasValue("model");
        assertThat(error.getMessage()).contains("257 characters").doesNotContain("aaaa");
    }

    @Test
    void urlAndHeaderCharactersAreRefusedNamingThePosition() {
        for (String name : new String[] {"gemini/x?key=1", "gemini/x#frag", "a b", "a%2Fb", "a\nb", "a\"b", "a\\b",
                "gemini/модель"}) {
            ClientError error = catchThrowableOfType(ClientError.class, () -> ModelName.checked(name));
            assertThat(error).as(name).isNotNull();
            assertThat(error.code()).isEqualTo("invalid_model");
        }
        assertThat(catchThrowableOfType(ClientError.class, () -> ModelName.checked("gemini/x?key=1")).getMessage())
                .contains("character 9").doesNotContain("key=1");
    }

    @Property(tries = 200)
    void everyNameOfAllowedCharactersUpToTheLimitPasses(@ForAll("allowedNames") String name) {
        assertThat(ModelName.checked(name)).isEqualTo(name);
    }

    @Property(tries = 200)
    void oneCharacterOutsideTheSetAnywhereIsRefused(@ForAll("allowedNames") String name, @ForAll char bad,
                                                     @ForAll("positions") int at) {
        Assume.that(ALLOWED.indexOf(bad) < 0);
        int position = Math.min(at, name.length());
        String hostile = name.substring(0, position) + bad + name.substring(position);
        Assume.that(hostile.length() <= ModelName.MAX_LENGTH);

        ClientError error = catchThrowableOfType(ClientError.class, () -> ModelName.checked(hostile));

        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo("invalid_model");
        assertThat(error.getMessage()).contains("character " + (position + 1) + " ");
    }

    @Property(tries = 50)
    void anythingLongerThanTheLimitIsRefused(@ForAll("allowedNames") String name, @ForAll("positions") int extra) {
        String tooLong = name + "x".repeat(ModelName.MAX_LENGTH - name.length() + 1 + extra);

        assertThat(catchThrowableOfType(ClientError.class, () -> ModelName.checked(tooLong)).code())
                .isEqualTo("invalid_model");
    }

    @Provide
    Arbitrary<String> allowedNames() {
        return Arbitraries.strings().withChars(ALLOWED).ofMinLength(1).ofMaxLength(ModelName.MAX_LENGTH);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, ModelName.MAX_LENGTH);
    }
}
