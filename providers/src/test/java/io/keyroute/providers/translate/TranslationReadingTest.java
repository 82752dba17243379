package io.keyroute.providers.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.wire.responses.ResponsesRequest;
import io.keyroute.api.wire.responses.ResponsesRequestReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A translation uses the reading a Responses request brought along, and reads the body only without one. */
class TranslationReadingTest {
    private final Translation translation = new Translation(Clock.systemUTC());
    private final ResponsesRequest read = ResponsesRequestReader.read("""
            {"model":"gpt-4o-mini","instructions":"Be terse.","input":"Hello"}""".getBytes(StandardCharsets.UTF_8));

    @Test
    void theDoorsReadingIsTranslatedNotTheBodyAgain() {
        assertThat(translation.canonical(read.chat())).isSameAs(read.canonical());
    }

    @Test
    void withoutAReadingTheBodyIsReadAgainToTheSameTranslation() {
        ChatRequest bare = read.chat().withBody(read.body());

        assertThat(bare.reading()).isNull();
        assertThat(translation.canonical(bare)).isNotSameAs(read.canonical()).isEqualTo(read.canonical());
    }
}
