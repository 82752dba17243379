package io.keyroute.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.guardrails.Detectors;
import io.keyroute.guardrails.Finding;
import io.keyroute.guardrails.MarkedCorpus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each PII detector against its part of the labelled corpus: precision (of what it found, how much was
 * marked) and recall (of what was marked, how much it found, exactly to the character), printed and held.
 */
class PiiCorpusTest {
    private static final MarkedCorpus CORPUS = MarkedCorpus.load();

    static Stream<Arguments> entityTypes() {
        return Stream.of(
                Arguments.of("email", 0.9, 0.9),
                Arguments.of("phone", 0.95, 0.85),
                Arguments.of("credit_card", 1.0, 1.0),
                Arguments.of("iban", 1.0, 1.0),
                Arguments.of("ssn", 1.0, 1.0),
                Arguments.of("uk_nino", 1.0, 1.0),
                Arguments.of("ip_address", 0.95, 0.95));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entityTypes")
    void precisionAndRecallHoldTheirThresholds(String entityType, double minPrecision, double minRecall) {
        Detectors detectors = Detectors.of(PiiDetectors.forEntities(List.of(entityType)));
        List<MarkedCorpus.Line> lines = CORPUS.of(entityType);
        int truePositives = 0;
        int found = 0;
        int marked = 0;
        int lookalikes = 0;
        for (MarkedCorpus.Line line : lines) {
            Set<MarkedCorpus.Span> expected = new HashSet<>(line.values());
            List<Finding> findings = detectors.scan(line.text());
            for (Finding finding : findings) {
                boolean right = expected.contains(new MarkedCorpus.Span(finding.start(), finding.end()));
                truePositives += right ? 1 : 0;
                if (!right) {
                    System.out.printf("%s false positive: %s in \"%s\"%n", entityType,
                            line.text().substring(finding.start(), finding.end()), line.text());
                }
            }
            for (MarkedCorpus.Span span : expected) {
                if (findings.stream().noneMatch(f -> f.start() == span.start() && f.end() == span.end())) {
                    System.out.printf("%s missed: %s in \"%s\"%n", entityType,
                            line.text().substring(span.start(), span.end()), line.text());
                }
            }
            found += findings.size();
            marked += expected.size();
            lookalikes += expected.isEmpty() ? 1 : 0;
        }
        double precision = found == 0 ? 1 : (double) truePositives / found;
        double recall = (double) truePositives / marked;
        System.out.printf("%-12s values %3d, look-alike lines %3d: precision %.3f, recall %.3f%n",
                entityType, marked, lookalikes, precision, recall);

        assertThat(marked).as("values marked").isGreaterThanOrEqualTo(4);
        assertThat(lookalikes).as("look-alike lines").isGreaterThanOrEqualTo(6);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(minPrecision);
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(minRecall);
    }
}
