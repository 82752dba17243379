package io.keyroute.server.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.guardrails.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictSummaryTest {
    @Test
    void aLineNamesEachStepsActionAndCounts() {
        assertThat(VerdictSummary.of(List.of(new Verdict("pii", "redact", Map.of("email", 2), 1.0),
                new Verdict("secrets", "pass", Map.of(), 0)))).isEqualTo("pii:redact email=2; secrets:pass");
        assertThat(VerdictSummary.of(List.of())).isNull();
    }

    @Test
    void onlyALineWhereEveryStepPassedSaysNothingActed() {
        assertThat(VerdictSummary.acted("pii:pass; secrets:pass; pii:pass; secrets:pass")).isFalse();
        assertThat(VerdictSummary.acted("pii.v2:pass")).isFalse();
        assertThat(VerdictSummary.acted(null)).isFalse();
        assertThat(VerdictSummary.acted("pii:pass; secrets:block secret=1")).isTrue();
        assertThat(VerdictSummary.acted("pii:redact email=2; secrets:pass")).isTrue();
        assertThat(VerdictSummary.acted("pii:pass; secrets:log")).isTrue();
        assertThat(VerdictSummary.acted("presidio:error")).isTrue();
    }
}
