package io.keyroute.testkit.openai;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultKeyTest {

    static final String KEY = "sk-bench";
    static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String STREAM = "{\"stream\":true," + CHAT.substring(1);

    @Test
    void eachFaultKeyGetsItsFaultWhileTheFastPathServesEveryOtherKey() throws Exception {
        FakeOpenAi.Builder builder = FakeOpenAi.builder().apiKey(KEY).fastPath(true).recordRequests(false)
                .fastReply("gpt-4o-mini", "one two three four");
        for (String spec : List.of("sk-503=status:503", "sk-err=error-after:2", "sk-cut=cut-after:2")) {
            FaultKey fault = FaultKey.parse(spec, "one two three four", Duration.ZERO);
            builder.replyFor(fault.key(), fault.reply());
        }
        try (FakeOpenAi fake = builder.start()) {
            var failed = Http.send(Http.post(fake, "/chat/completions", "sk-503", CHAT));
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(Http.json(failed.body()).at("/error/message").asText()).isEqualTo("Injected upstream failure 503.");

            List<String> broken = Http.events(Http.open(Http.post(fake, "/chat/completions", "sk-err", STREAM)).body());
            assertThat(broken).hasSize(3);
            assertThat(broken.get(2)).contains("\"error\"").contains("server_error");

            var cut = Http.open(Http.post(fake, "/chat/completions", "sk-cut", STREAM));
            assertThat(cut.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> Http.events(cut.body())).isInstanceOf(java.io.IOException.class);

            List<String> whole = Http.events(Http.open(Http.post(fake, "/chat/completions", KEY, STREAM)).body());
            assertThat(whole).hasSize(7).last().isEqualTo("[DONE]");
            assertThat(whole.get(1)).contains("\"content\":\"one\"");
        }
    }

    @Test
    void aMalformedSpecIsRefusedNamingTheForms() {
        assertThatThrownBy(() -> FaultKey.parse("sk-x", "a", Duration.ZERO))
                .hasMessageContaining("KEY=status:NNN, KEY=error-after:N or KEY=cut-after:N");
        assertThatThrownBy(() -> FaultKey.parse("sk-x=slow:3", "a", Duration.ZERO))
                .hasMessageContaining("unknown fault kind 'slow'");
    }
}
