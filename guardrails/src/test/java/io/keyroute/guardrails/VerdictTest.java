package io.keyroute.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void countsAreACopySortedByEntityType() {
        Map<String, Integer> counts = new HashMap<>(Map.of("phone", 1, "email", 2));
        Verdict verdict = new Verdict("pii", "redact", counts, 0.9);
        counts.put("iban", 5);

        assertThat(verdict.entityCounts()).containsExactly(Map.entry("email", 2), Map.entry("phone", 1));
        assertThat(verdict.total()).isEqualTo(3);
        assertThatThrownBy(() -> verdict.entityCounts().put("ssn", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aScoreOutsideZeroToOneOrAnEmptySpanIsRefused() {
        assertThatThrownBy(() -> new Verdict("pii", "log", Map.of(), 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Finding("email", 4, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Finding("email", 0, 3, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
