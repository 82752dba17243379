package io.keyroute.server.guardrails.remote;

import io.keyroute.guardrails.Finding;
import io.keyroute.testkit.checkers.FakePresidio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresidioAnalyzerTest {
    private final FakePresidio presidio = new FakePresidio();

    @AfterEach
    void close() {
        presidio.close();
    }

    private PresidioAnalyzer analyzer(List<String> entities, double threshold, Duration timeout) {
        return new PresidioAnalyzer("presidio", URI.create(presidio.baseUrl()), timeout, "en", entities, threshold, 512);
    }

    @Test
    void findingsCarryKeyrouteNamesAndUtf16PositionsAfterAnEmoji() {
        String text = "😀 Mail Jane Doe at jane@example.com or call +1 415-555-0100, card 4111 1111 1111 1111.";
        List<Finding> found = analyzer(List.of(), 0, Duration.ofSeconds(5)).scan(text);

        assertThat(found).extracting(Finding::entityType, f -> text.substring(f.start(), f.end())).containsExactly(
                org.assertj.core.groups.Tuple.tuple("person", "Jane Doe"),
                org.assertj.core.groups.Tuple.tuple("email", "jane@example.com"),
                org.assertj.core.groups.Tuple.tuple("phone", "+1 415-555-0100"),
                org.assertj.core.groups.Tuple.tuple("credit_card", "4111 1111 1111 1111"));
    }

    @Test
    void theRequestIsPresidiosAnalyzeRequestWithItsNamesForTheEntities() throws Exception {
        analyzer(List.of("email", "PERSON"), 0.6, Duration.ofSeconds(5)).scan("Jane Doe, jane@example.com, 10.0.0.1");

        var body = io.keyroute.api.Json.MAPPER.readTree(presidio.bodies().getFirst());
        assertThat(body.path("language").asText()).isEqualTo("en");
        assertThat(body.path("score_threshold").asDouble()).isEqualTo(0.6);
        assertThat(body.path("entities")).extracting(n -> n.asText()).containsExactly("EMAIL_ADDRESS", "PERSON");
    }

    @Test
    void aScanFromAPositionKeepsTheFindingsStartingThere() {
        String text = "jane@example.com and john@example.com";

        assertThat(analyzer(List.of(), 0, Duration.ofSeconds(5)).scan(text, 5))
                .containsExactly(new Finding("email", 21, 37, 1.0));
    }

    @Test
    void anErrorStatusATimeoutAndAnUnreachableServiceFailTheCheckWithoutTheText() {
        String text = "secret plan for jane@example.com";
        var analyzer = analyzer(List.of(), 0, Duration.ofMillis(300));

        presidio.failNext(500);
        assertThatThrownBy(() -> analyzer.scan(text)).isInstanceOf(RemoteCheckFailed.class)
                .hasMessage("Presidio presidio answered HTTP 500");

        presidio.stall();
        assertThatThrownBy(() -> analyzer.scan(text)).isInstanceOf(RemoteCheckFailed.class)
                .hasMessage("Presidio presidio did not answer within 300 ms");
        presidio.release();

        var unsupported = new PresidioAnalyzer("p", URI.create(presidio.baseUrl()), Duration.ofSeconds(5), "xx", List.of(), 0, 512);
        assertThatThrownBy(() -> unsupported.scan(text)).hasMessage("Presidio p answered HTTP 500");

        presidio.close();
        assertThatThrownBy(() -> analyzer.scan(text)).isInstanceOf(RemoteCheckFailed.class)
                .hasMessageStartingWith("Presidio presidio could not be reached")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("jane"));
    }

    @Test
    void anEmptyTextIsNotSent() {
        assertThat(analyzer(List.of(), 0, Duration.ofSeconds(5)).scan("")).isEmpty();
        assertThat(presidio.bodies()).isEmpty();
    }
}
