package io.keyroute.guardrails.denylist;

import io.keyroute.guardrails.Finding;
import io.keyroute.guardrails.LabelledCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DenyListDetectorTest {
    private final DenyListDetector denyList = new DenyListDetector("deny",
            List.of("falcon", "Project Nightjar", "acme corp"),
            List.of("\\b[a-z0-9-]+\\.corp\\.internal\\b", "(?i)\\bticket\\s+#?INC-\\d{6}\\b"),
            DenyListDetector.DEFAULT_MAX_PATTERN_MATCH);

    @Test
    void precisionAndRecallHoldOnTheLabelledCorpus() {
        var corpus = new LabelledCorpus()
                .flagged(DenyListDetector.DENIED_WORD, "What is the launch date for Falcon?")
                .flagged(DenyListDetector.DENIED_WORD, "status of FALCON, please")
                .flagged(DenyListDetector.DENIED_WORD, "summarise the project nightjar design doc")
                .flagged(DenyListDetector.DENIED_WORD, "Summarise the Project - Nightjar notes")
                .flagged(DenyListDetector.DENIED_WORD, "draft a reply to Acme Corp's legal team")
                .flagged(DenyListDetector.DENIED_WORD, "(falcon)")
                .flagged(DenyListDetector.DENIED_PATTERN, "ssh into build-07.corp.internal and restart it")
                .flagged(DenyListDetector.DENIED_PATTERN, "see Ticket #INC-004211 for the timeline")
                .flagged(DenyListDetector.DENIED_PATTERN, "db.corp.internal is down")
                .flagged(DenyListDetector.DENIED_PATTERN, "TICKET INC-123456")
                .passes("Falconry is an old sport; the peregrine is the fastest bird.")
                .passes("the falcons won the game")
                .passes("Our project uses nightjar-style logging (not the codename).")
                .passes("the nightjar project is a different repository")
                .passes("acme is a placeholder company name in cartoons")
                .passes("corp.internal alone is just a domain suffix")
                .passes("ticket INC-12345 has five digits only")
                .passes("Write a haiku about autumn leaves.");
        var score = corpus.score(denyList);

        assertThat(score.precision()).as(score.mistakes().toString()).isEqualTo(1.0);
        assertThat(score.recall()).as(score.mistakes().toString()).isEqualTo(1.0);
    }

    @Test
    void findingsSpanTheWholePhraseAndAreOrderedWithoutOverlap() {
        String text = "Project  Nightjar runs on x.corp.internal; falcon too.";

        assertThat(denyList.scan(text)).containsExactly(
                new Finding(DenyListDetector.DENIED_WORD, 0, 17, 1.0),
                new Finding(DenyListDetector.DENIED_PATTERN, 26, 41, 1.0),
                new Finding(DenyListDetector.DENIED_WORD, 43, 49, 1.0));
        assertThat(denyList.scan(text, 20)).containsExactly(
                new Finding(DenyListDetector.DENIED_PATTERN, 26, 41, 1.0),
                new Finding(DenyListDetector.DENIED_WORD, 43, 49, 1.0));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard only: a backtracking engine takes years here
    void aPatternThatWouldBacktrackForeverRunsInLinearTimeOnA400KbPrompt() {
        var hostile = new DenyListDetector("redos", List.of(), List.of("(a+)+$", "(x|xx)*y", "(\\w+\\s?)*!$"), 256);
        String text = "a".repeat(400_000) + "b" + "x".repeat(1000) + " word".repeat(1000);

        assertThat(hostile.scan(text)).isEmpty();
    }

    @Test
    void patternsRe2CannotRunInLinearTimeAreRefusedWithTheirIndex() {
        assertThatThrownBy(() -> new DenyListDetector("d", List.of(), List.of("ok", "(a)\\1"), 256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("patterns[1] is not a pattern RE2");
        assertThatThrownBy(() -> new DenyListDetector("d", List.of(), List.of("foo(?=bar)"), 256))
                .hasMessageStartingWith("patterns[0] is not a pattern RE2");
        assertThatThrownBy(() -> new DenyListDetector("d", List.of(), List.of("x*"), 256))
                .hasMessageContaining("patterns[0] matches the empty text");
        assertThatThrownBy(() -> new DenyListDetector("d", List.of("ok", "!!"), List.of(), 256))
                .hasMessageContaining("words[1] must have 1 to 8 words");
        assertThatThrownBy(() -> new DenyListDetector("d", List.of(), List.of(), 256))
                .hasMessageContaining("needs words or patterns");
    }

    @Test
    void allowedTopicsFlagATextThatMentionsNoneOfThem() {
        var topics = new AllowedTopics("topics", Map.of(
                "billing", List.of("invoice", "refund", "payment method"),
                "shipping", List.of("delivery", "tracking number")));
        var corpus = new LabelledCorpus()
                .passes("Where is my refund for order 1234?")
                .passes("Can I change the payment method on my account?")
                .passes("My tracking number shows no update since Monday")
                .passes("INVOICE #88 has the wrong VAT id")
                .flagged(AllowedTopics.OFF_TOPIC, "Write me a poem about the sea.")
                .flagged(AllowedTopics.OFF_TOPIC, "What is the capital of Australia?")
                .flagged(AllowedTopics.OFF_TOPIC, "Explain the payment of dividends in general terms.");
        var score = corpus.score(topics);

        assertThat(score.precision()).isEqualTo(1.0);
        assertThat(score.recall()).isEqualTo(1.0);
        assertThat(topics.scan("a poem")).containsExactly(new Finding(AllowedTopics.OFF_TOPIC, 0, 6, 1.0));
        assertThat(topics.scan("a poem", 1)).isEmpty();
        assertThat(topics.scan("")).isEmpty();
    }
}
