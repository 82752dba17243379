package io.keyroute.guardrails.masking;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.guardrails.Detectors;
import io.keyroute.guardrails.SampleTexts;
import io.keyroute.guardrails.pii.PiiDetectors;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MaskerTest {
    private static final Detectors PII = Detectors.of(PiiDetectors.all());

    @Test
    void eachValueBecomesItsTypedPlaceholderAndTheSameValueTheSameOne() {
        MaskTable table = new MaskTable();

        Masked masked = Masker.reversible(PII).mask(SampleTexts.SAMPLE, table);

        assertThat(masked.text()).isEqualTo("Hi, I'm Jane (<EMAIL_1>, <PHONE_1>). Card <CREDIT_CARD_1>, IBAN <IBAN_1>, "
                + "SSN <SSN_1>, NI <UK_NINO_1>; server <IP_ADDRESS_1> and <IP_ADDRESS_2>. Not values: v1.2.3, "
                + "2024-01-15 10:30:45, order 4111111111111112, <PLACEHOLDER_1>. Mail <EMAIL_1> again.");
        assertThat(masked.entityCounts()).isEqualTo(Map.of("email", 2, "phone", 1, "credit_card", 1, "iban", 1,
                "ssn", 1, "uk_nino", 1, "ip_address", 2));
        assertThat(masked.score()).isEqualTo(1.0);
        assertThat(table.restore(masked.text())).isEqualTo(SampleTexts.SAMPLE);
    }

    @Test
    void anAnswersMaskingLeavesPlaceholdersAsTheyAre() {
        Masked masked = Masker.of(PII).mask("Sent to <EMAIL_1> and bob@example.com", new MaskTable());

        assertThat(masked.text()).isEqualTo("Sent to <EMAIL_1> and <EMAIL_1>");
        assertThat(masked.entityCounts()).isEqualTo(Map.of("email", 1));
    }

    @Test
    void aTextWithNothingFoundIsUnchangedAndScoresZero() {
        Masked masked = Masker.reversible(PII).mask("Release v1.2.3 on 2024-01-15.", new MaskTable());

        assertThat(masked.text()).isEqualTo("Release v1.2.3 on 2024-01-15.");
        assertThat(masked.findings()).isEmpty();
        assertThat(masked.score()).isZero();
    }

    /** Reversible masking: restoring what was masked gives the original back, whatever it held. */
    @Property(tries = 1000)
    void restoringAMaskedTextGivesTheOriginal(@ForAll("texts") String text) {
        MaskTable table = new MaskTable();

        Masked masked = Masker.reversible(PII).mask(text, table);

        assertThat(table.restore(masked.text())).isEqualTo(text);
    }

    /** Several texts of one request share a table; each restores to itself. */
    @Property(tries = 300)
    void textsSharingATableEachRestoreToTheirOriginal(@ForAll("texts") String first, @ForAll("texts") String second) {
        MaskTable table = new MaskTable();
        Masker masker = Masker.reversible(PII);

        Masked one = masker.mask(first, table);
        Masked two = masker.mask(second, table);

        assertThat(table.restore(one.text())).isEqualTo(first);
        assertThat(table.restore(two.text())).isEqualTo(second);
    }

    /**
     * In prose (values apart, as people write them) nothing a detector would find survives masking. Values
     * glued together ("a@b.com+c@d.com") are not: the second is not found until the first is gone.
     */
    @Property(tries = 1000)
    void aMaskedTextHoldsNothingTheDetectorsFind(@ForAll("separatedTexts") String text) {
        Masked masked = Masker.of(PII).mask(text, new MaskTable());

        assertThat(PII.scan(masked.text())).isEmpty();
    }

    @Provide
    Arbitrary<String> separatedTexts() {
        return SampleTexts.separatedTexts(30);
    }

    @Provide
    Arbitrary<String> texts() {
        return SampleTexts.texts(30);
    }
}
