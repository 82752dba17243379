package io.keyroute.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.Secret;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenHashTest {
    @Test
    void isTheHexSha256OfTheTokensUtf8() {
        // FIPS 180-2's test vector for "abc".
        assertThat(TokenHash.of(Secret.of("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void concurrentHashesDoNotShareState() throws Exception {
        List<String> tokens = IntStream.range(0, 2_000).mapToObj(i -> "kr-token-" + i).toList();
        List<String> expected = tokens.stream().map(t -> TokenHash.of(Secret.of(t))).toList();

        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> hashes = tokens.stream().map(t -> pool.submit(() -> TokenHash.of(Secret.of(t)))).toList();
            for (int i = 0; i < tokens.size(); i++) {
                assertThat(hashes.get(i).get()).isEqualTo(expected.get(i));
            }
        }
        assertThat(expected).doesNotHaveDuplicates();
    }
}
