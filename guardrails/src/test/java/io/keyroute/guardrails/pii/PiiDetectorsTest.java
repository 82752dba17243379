package io.keyroute.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.guardrails.CountingText;
import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.Finding;
import io.keyroute.guardrails.MarkedCorpus;
import io.keyroute.guardrails.PatternDetector;
import io.keyroute.guardrails.SampleTexts;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;

class PiiDetectorsTest {
    private static final List<Detector> ALL = PiiDetectors.all();

    @Test
    void entityTypesAreTheConfigNamesAndAnUnknownOneIsRefusedNamingTheKnown() {
        assertThat(PiiDetectors.entityTypes())
                .containsExactly("email", "phone", "credit_card", "iban", "ssn", "uk_nino", "ip_address");
        assertThat(PiiDetectors.forEntities(List.of("ip_address", "email"))).extracting(Detector::name)
                .containsExactly("email", "ipv4", "ipv6");
        assertThatThrownBy(() -> PiiDetectors.forEntities(List.of("email", "passport")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown PII entity type 'passport'; known: email, phone, credit_card, iban, ssn, uk_nino, ip_address");
    }

    /** Locality, exhaustively on every corpus line: a scan from any position finds what the whole scan finds there. */
    @Test
    void aScanFromAnyPositionOfACorpusLineFindsWhatTheWholeScanFindsFromThere() {
        for (MarkedCorpus.Line line : MarkedCorpus.load().lines()) {
            for (Detector detector : ALL) {
                List<Finding> whole = detector.scan(line.text());
                for (int from = 0; from <= line.text().length(); from++) {
                    int start = from;
                    assertThat(detector.scan(line.text(), from)).as("%s from %d in %s", detector.name(), from, line.text())
                            .isEqualTo(whole.stream().filter(finding -> finding.start() >= start).toList());
                }
            }
        }
    }

    @Property(tries = 300)
    void aScanFromAnyPositionFindsWhatTheWholeScanFindsFromThere(@ForAll("textsAndPositions") TextAt textAt) {
        for (Detector detector : ALL) {
            List<Finding> whole = detector.scan(textAt.text());
            assertThat(detector.scan(textAt.text(), textAt.position())).as(detector.name())
                    .isEqualTo(whole.stream().filter(finding -> finding.start() >= textAt.position()).toList());
        }
    }

    record TextAt(String text, int position) {}

    @Provide
    Arbitrary<TextAt> textsAndPositions() {
        return SampleTexts.texts(40).flatMap(text ->
                Arbitraries.integers().between(0, text.length()).map(position -> new TextAt(text, position)));
    }

    /** An anchor only skips positions where nothing can start: each detector finds what it finds trying every position. */
    @Property(tries = 500)
    void anAnchoredScanFindsWhatTryingEveryPositionFinds(@ForAll("texts") String text) {
        for (Detector detector : ALL) {
            assertThat(detector.scan(text)).as(detector.name())
                    .isEqualTo(((PatternDetector) detector).withoutAnchor().scan(text));
        }
    }

    /** Matches are never longer than the window a stream holds back. */
    @Property(tries = 300)
    void noFindingIsLongerThanItsDetectorsWindow(@ForAll("texts") String text) {
        for (Detector detector : ALL) {
            assertThat(detector.scan(text)).allSatisfy(finding ->
                    assertThat(finding.length()).isLessThanOrEqualTo(detector.maxMatchLength()));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return SampleTexts.texts(40);
    }

    /**
     * 400 KB of each run that makes a careless pattern backtrack: every detector reads each character a
     * bounded number of times (counted, not timed).
     */
    @Test
    void hostileRunsOf400KbAreReadInBoundedSteps() {
        List<String> units = List.of("a", "a.", "a@", "a@b.", "a-", "1", "1 ", "1-", "1.", "12.", "+1 ", "(1)",
                "0 12 ", "AB12 ", "DE89", "1:", "a:", "::1:", "<A_1", "1-1-", "123-45-", "AB 12 ");
        double worst = 0;
        for (String unit : units) {
            String hostile = unit.repeat(400_000 / unit.length());
            for (Detector detector : ALL) {
                CountingText text = new CountingText(hostile);
                detector.scan(text);
                double readsPerChar = (double) text.reads() / hostile.length();
                assertThat(readsPerChar).as("%s reads per character of \"%s\"…", detector.name(), unit)
                        .isLessThanOrEqualTo(24);
                worst = Math.max(worst, readsPerChar);
            }
        }
        System.out.printf("hostile 400 KB runs: at most %.1f reads per character%n", worst);
    }
}
