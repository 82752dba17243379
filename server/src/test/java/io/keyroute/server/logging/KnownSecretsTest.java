package io.keyroute.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Secret;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KnownSecretsTest {
    private final ScrubbingValueMasker masker = new ScrubbingValueMasker();

    @AfterEach
    void forget() {
        KnownSecrets.clear();
    }

    @Test
    void masksRegisteredLiteralsThatHaveNoKeyShape() {
        KnownSecrets.register("correct horse battery staple");
        KnownSecrets.register(Secret.of("admin-token-1234"));

        assertThat(KnownSecrets.mask("token was correct horse battery staple, admin=admin-token-1234"))
                .isEqualTo("token was …aple, admin=…1234");
    }

    @Test
    void masksTheUrlEncodedFormToo() {
        KnownSecrets.register("pa ss/word+=");

        assertThat(KnownSecrets.mask("GET /x?t=pa+ss%2Fword%2B%3D")).isEqualTo("GET /x?t=…B%3D");
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() {
        KnownSecrets.register("abcdefgh");
        KnownSecrets.register("abcdefgh-and-more");

        assertThat(KnownSecrets.mask("x abcdefgh-and-more y")).isEqualTo("x …more y");
    }

    @Test
    void ignoresBlankAndShortValuesAndForgetsOnClear() {
        KnownSecrets.register("");
        KnownSecrets.register("   ");
        KnownSecrets.register("short");
        KnownSecrets.register((String) null);
        KnownSecrets.register("long-enough-secret");
        KnownSecrets.clear();

        assertThat(KnownSecrets.mask("short long-enough-secret")).isEqualTo("short long-enough-secret");
    }

    @Test
    void concurrentRegistrationsAreAllKept() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 200)
                    .forEach(i -> pool.submit(() -> KnownSecrets.register("secret-%04d-xyz".formatted(i))));
        }

        assertThat(IntStream.range(0, 200).mapToObj("secret-%04d-xyz"::formatted))
                .allSatisfy(s -> assertThat(KnownSecrets.mask(s)).isEqualTo("…" + s.substring(s.length() - 4)));
    }

    @Test
    void maskerScrubsLiteralsThenShapesAndLeavesCleanValuesToTheEncoder() {
        KnownSecrets.register("master-key-value");

        assertThat(masker.mask(null, "k=master-key-value o=sk-abcdefghijklmnop1234"))
                .isEqualTo("k=…alue o=sk-…1234");
        assertThat(masker.mask(null, "nothing to hide")).isNull();
        assertThat(masker.mask(null, 42)).isNull();
    }
}
