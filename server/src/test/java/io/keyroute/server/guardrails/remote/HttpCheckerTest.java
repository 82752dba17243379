package io.keyroute.server.guardrails.remote;

import io.keyroute.guardrails.Finding;
import io.keyroute.testkit.checkers.FakeChecker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpCheckerTest {
    private final AtomicReference<String> verdict = new AtomicReference<>("{\"action\":\"allow\"}");
    private final FakeChecker fake = new FakeChecker(text -> verdict.get());

    @AfterEach
    void close() {
        fake.close();
    }

    private HttpChecker checker(Duration timeout) {
        return new HttpChecker("moderation", URI.create(fake.url()), timeout, Map.of("Authorization", "Bearer t0ken-for-checker"), 1000);
    }

    @Test
    void allowFindsNothingAndBlockIsOneFindingOverTheWholeText() {
        var checker = checker(Duration.ofSeconds(5));
        assertThat(checker.scan("hello")).isEmpty();

        verdict.set("{\"action\":\"block\",\"category\":\"Toxicity\",\"score\":0.97}");
        assertThat(checker.scan("you are awful")).containsExactly(new Finding("toxicity", 0, 13, 0.97));

        verdict.set("{\"action\":\"block\"}");
        assertThat(checker.scan("x")).containsExactly(new Finding(HttpChecker.BLOCKED, 0, 1, 1.0));
        assertThat(checker.scan("xy", 1)).as("a stream's later piece is no new whole text").isEmpty();
    }

    @Test
    void findingsAreSpansInCodePointsForARedactingStep() {
        verdict.set("{\"action\":\"allow\",\"findings\":[{\"type\":\"name\",\"start\":2,\"end\":6,\"score\":0.9}]}");
        String text = "🙂 Anna says hi";

        assertThat(checker(Duration.ofSeconds(5)).scan(text)).containsExactly(new Finding("name", 3, 7, 0.9));
        assertThat(text.substring(3, 7)).isEqualTo("Anna");
    }

    @Test
    void theRequestCarriesTheTextAndTheStepsName() throws Exception {
        checker(Duration.ofSeconds(5)).scan("is this fine?");

        var body = io.keyroute.api.Json.MAPPER.readTree(fake.bodies().getFirst());
        assertThat(body.path("text").asText()).isEqualTo("is this fine?");
        assertThat(body.path("guardrail").asText()).isEqualTo("moderation");
    }

    @Test
    void everyAnswerOutsideTheProtocolFailsTheCheck() {
        var checker = checker(Duration.ofSeconds(5));
        for (String answer : new String[] {"{\"action\":\"maybe\"}", "[1,2]", "not json",
                "{\"action\":\"allow\",\"findings\":[{\"type\":\"x\",\"start\":3,\"end\":99}]}",
                "{\"action\":\"block\",\"score\":7}"}) {
            verdict.set(answer);
            assertThatThrownBy(() -> checker.scan("short text")).as(answer).isInstanceOf(RemoteCheckFailed.class)
                    .satisfies(e -> assertThat(e.getMessage()).startsWith("checker moderation").doesNotContain("short text"));
        }
    }

    @Test
    void anErrorStatusOrNoAnswerInTimeFailsTheCheck() {
        var checker = checker(Duration.ofMillis(300));
        fake.failNext(503);
        assertThatThrownBy(() -> checker.scan("a")).hasMessage("checker moderation answered HTTP 503");

        fake.stall();
        assertThatThrownBy(() -> checker.scan("a")).hasMessage("checker moderation did not answer within 300 ms");
    }

    @Test
    void anUnknownCategoryIsKeptOutOfMetricsAsOther() {
        verdict.set("{\"action\":\"block\",\"category\":\"<script>alert(1)</script>\"}");

        assertThat(checker(Duration.ofSeconds(5)).scan("a")).extracting(Finding::entityType).containsExactly("other");
    }
}
