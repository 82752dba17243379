package io.keyroute.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Secrets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The masker's memo of clean logger and thread names never lets through what the search would mask. */
class CleanNamesLogTest {
    private static final String SECRET = "correct horse battery staple 42";

    @AfterEach
    void forget() {
        KnownSecrets.clear();
    }

    @Test
    void aNameRememberedCleanIsMaskedOnceASecretItHoldsIsRegistered() {
        String threadName = "worker " + SECRET;
        List<JsonNode> lines = LogCapture.serverJsonLines(Map.of(), context -> {
            var log = context.getLogger("keyroute.test");
            Thread thread = Thread.ofPlatform().name(threadName).unstarted(() -> {
                log.info("before");
                log.info("before, again"); // from the memo
                KnownSecrets.register(SECRET);
                log.info("after");
            });
            thread.start();
            try {
                thread.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });

        assertThat(lines).extracting(line -> line.get("message").asText())
                .containsExactly("before", "before, again", "after");
        assertThat(lines.get(0).get("thread").asText()).isEqualTo(threadName);
        assertThat(lines.get(1).get("thread").asText()).isEqualTo(threadName);
        assertThat(lines.get(2).get("thread").asText()).isEqualTo("worker " + Secrets.mask(SECRET));
    }

    @Test
    void aKeyShapedNameIsMaskedOnEveryLine() {
        String key = "sk-proj-" + "Zx8LmQ2vR7tY1nB4cD6eF9gH3jK5pW0sA2uE4iO6";
        List<JsonNode> lines = LogCapture.serverJsonLines(Map.of(), context -> {
            var log = context.getLogger("keyroute." + key);
            log.info("one");
            log.info("two");
        });

        assertThat(lines).hasSize(2);
        for (JsonNode line : lines) {
            assertThat(line.toString()).doesNotContain(key);
            assertThat(line.get("logger").asText()).isEqualTo("keyroute." + Secrets.mask(key));
        }
    }
}
